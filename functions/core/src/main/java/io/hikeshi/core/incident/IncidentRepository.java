package io.hikeshi.core.incident;

import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import java.util.List;
import java.util.Optional;

/**
 * The incident aggregate: an incident with its timeline, and the one writer of every change.
 * Adapters: DynamoDB (one table); an in-memory fake in the test kit.
 */
public interface IncidentRepository {

    Optional<Incident> find(IncidentId id);

    /** The incident's timeline in time order (oldest first), at most {@code limit} entries. */
    List<TimelineEntry> timeline(IncidentId id, int limit);

    /** A fresh incident number from an atomic counter: never handed out twice. */
    IncidentId nextId();

    /** Whether a change with this delivery id was committed (and its record has not expired). */
    boolean delivered(String deliveryId);

    /**
     * Applies the change all-or-nothing: the delivery id is recorded (with an expiry), a created
     * incident must not exist, an updated incident and a saved alert state must still be at the
     * version they were read at, a counted incident must still be open; its domain events are
     * stored in the outbox in the same write.
     */
    CommitResult commit(Change change);
}
