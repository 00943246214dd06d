package io.hikeshi.core.store;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.TimelineEntry;
import java.util.List;
import java.util.Optional;

/**
 * The port to the source of truth. Adapters: DynamoDB (production, local mode) and an in-memory
 * fake for unit tests. Every write goes through {@link #commit}, which is atomic and conditional.
 */
public interface IncidentStore {

    Optional<Incident> incident(IncidentId id);

    /** The incident's timeline in time order (oldest first), at most {@code limit} entries. */
    List<TimelineEntry> timeline(IncidentId id, int limit);

    /** Incidents, newest detection first. */
    List<Incident> recentIncidents(int limit);

    /**
     * Incidents matching the query, newest first, a page at a time: read through the index on
     * detection time, never by scanning the table.
     *
     * @param cursor null for the first page, else a page's {@code nextCursor}
     */
    IncidentQuery.Page<Incident> findIncidents(IncidentQuery query, String cursor, int pageSize);

    /** Completed postmortems, newest due first (for completion figures). */
    List<io.hikeshi.core.postmortem.Postmortem> completedPostmortems(int limit);

    Optional<AlertState> alertState(String alertKey);

    /** The incident whose war room is this chat channel, if any. */
    Optional<IncidentId> incidentForChannel(String channelId);

    /** Records that {@code channelId} is the war room of {@code incident}; idempotent. */
    void linkChannel(String channelId, IncidentId incident);

    /** A fresh incident number from an atomic counter: never handed out twice. */
    IncidentId allocateId();

    /**
     * Adds one to a named counter and returns the new value; a counter not seen before starts at
     * zero. The counter may be forgotten after {@code expiresAt} (storm-guard windows).
     */
    long increment(String counter, java.time.Instant expiresAt);

    /** Committed domain events not yet relayed to the bus, oldest first (the local relay polls this). */
    List<io.hikeshi.core.event.DomainEvent> pendingEvents(int limit);

    /** Removes relayed events from the outbox. */
    void eventsRelayed(List<io.hikeshi.core.event.DomainEvent> events);

    Optional<io.hikeshi.core.warroom.WarRoom> warRoom(IncidentId incident);

    /** Saves the war room only if it is still at the version read (0: only if there is none); false otherwise. */
    boolean saveWarRoom(io.hikeshi.core.warroom.WarRoom room);

    Optional<io.hikeshi.core.postmortem.Postmortem> postmortem(IncidentId incident);

    /** Saves the postmortem only if it is still at the version read (0: only if there is none); false otherwise. */
    boolean savePostmortem(io.hikeshi.core.postmortem.Postmortem postmortem);

    /** Postmortems not yet complete, earliest due first. */
    List<io.hikeshi.core.postmortem.Postmortem> openPostmortems(int limit);

    /** Whether a side effect (a Slack post, a notification) identified by {@code step} was done. */
    boolean isDone(String step);

    /** Records a side effect as done, remembered until {@code expiresAt}. */
    void markDone(String step, java.time.Instant expiresAt);

    /**
     * Applies the change all-or-nothing: the delivery id is recorded (with an expiry), a created
     * incident must not exist, an updated incident and a saved alert state must still be at the
     * version they were read at, a counted incident must still be open.
     */
    CommitResult commit(Change change);
}
