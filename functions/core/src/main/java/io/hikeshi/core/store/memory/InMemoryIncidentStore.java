package io.hikeshi.core.store.memory;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import io.hikeshi.core.store.IncidentQuery;
import io.hikeshi.core.store.IncidentStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-memory {@link IncidentStore} with the same conditions as the DynamoDB one, for unit tests. */
public final class InMemoryIncidentStore implements IncidentStore {

    private final Map<IncidentId, Incident> incidents = new HashMap<>();
    private final Map<IncidentId, Map<String, TimelineEntry>> timelines = new HashMap<>();
    private final Map<String, AlertState> alerts = new HashMap<>();
    private final Set<String> deliveries = new HashSet<>();
    private long counter;
    private final Map<String, Long> counters = new HashMap<>();
    private final Map<String, IncidentId> channels = new HashMap<>();
    private final java.util.LinkedHashMap<String, io.hikeshi.core.event.DomainEvent> outbox = new java.util.LinkedHashMap<>();
    private final Map<IncidentId, io.hikeshi.core.warroom.WarRoom> warRooms = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Map<IncidentId, io.hikeshi.core.postmortem.Postmortem> postmortems = new HashMap<>();

    @Override
    public synchronized Optional<Incident> incident(IncidentId id) {
        return Optional.ofNullable(incidents.get(id));
    }

    @Override
    public synchronized List<TimelineEntry> timeline(IncidentId id, int limit) {
        return timelines.getOrDefault(id, Map.of()).values().stream()
                .sorted(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::entryId))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Incident> recentIncidents(int limit) {
        return incidents.values().stream()
                .sorted(Comparator.comparing(Incident::detectedAt).thenComparing(Incident::id).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized IncidentQuery.Page<Incident> findIncidents(IncidentQuery q, String cursor, int pageSize) {
        List<Incident> all = incidents.values().stream()
                .filter(i -> q.from() == null || !i.detectedAt().isBefore(q.from()))
                .filter(i -> q.to() == null || i.detectedAt().isBefore(q.to()))
                .filter(i -> q.status() == null || i.status() == q.status())
                .filter(i -> q.severity() == null || i.severity() == q.severity())
                .filter(i -> q.service() == null || i.service().equals(q.service()))
                .filter(i -> q.titleContains() == null
                        || i.title().toLowerCase(java.util.Locale.ROOT).contains(q.titleContains().toLowerCase(java.util.Locale.ROOT)))
                .sorted(Comparator.comparing(Incident::detectedAt).thenComparing(Incident::id).reversed())
                .toList();
        int start = cursor == null ? 0 : Integer.parseInt(cursor);
        int end = Math.min(all.size(), start + pageSize);
        return new IncidentQuery.Page<>(all.subList(start, end), end < all.size() ? Integer.toString(end) : null);
    }

    @Override
    public synchronized List<io.hikeshi.core.postmortem.Postmortem> completedPostmortems(int limit) {
        return postmortems.values().stream().filter(io.hikeshi.core.postmortem.Postmortem::isComplete).limit(limit).toList();
    }

    @Override
    public synchronized Optional<AlertState> alertState(String alertKey) {
        return Optional.ofNullable(alerts.get(alertKey));
    }

    @Override
    public synchronized Optional<IncidentId> incidentForChannel(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    @Override
    public synchronized void linkChannel(String channelId, IncidentId incident) {
        channels.put(channelId, incident);
    }

    @Override
    public synchronized List<io.hikeshi.core.event.DomainEvent> pendingEvents(int limit) {
        return outbox.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void eventsRelayed(List<io.hikeshi.core.event.DomainEvent> events) {
        events.forEach(e -> outbox.remove(e.id()));
    }

    @Override
    public synchronized Optional<io.hikeshi.core.warroom.WarRoom> warRoom(IncidentId incident) {
        return Optional.ofNullable(warRooms.get(incident));
    }

    @Override
    public synchronized boolean saveWarRoom(io.hikeshi.core.warroom.WarRoom room) {
        return putIfAtVersion(warRooms, room.incident(), room.version(), io.hikeshi.core.warroom.WarRoom::version,
                () -> room.stored(room.version() + 1));
    }

    @Override
    public synchronized Optional<io.hikeshi.core.postmortem.Postmortem> postmortem(IncidentId incident) {
        return Optional.ofNullable(postmortems.get(incident));
    }

    @Override
    public synchronized boolean savePostmortem(io.hikeshi.core.postmortem.Postmortem pm) {
        return putIfAtVersion(postmortems, pm.incident(), pm.version(), io.hikeshi.core.postmortem.Postmortem::version,
                () -> pm.stored(pm.version() + 1));
    }

    /** The optimistic lock of the DynamoDB store: write only if still at {@code expected} (0: absent). */
    private static <K, V> boolean putIfAtVersion(Map<K, V> map, K key, long expected,
                                                 java.util.function.ToLongFunction<V> versionOf,
                                                 java.util.function.Supplier<V> next) {
        V current = map.get(key);
        if (current == null ? expected != 0 : versionOf.applyAsLong(current) != expected) {
            return false;
        }
        map.put(key, next.get());
        return true;
    }

    @Override
    public synchronized List<io.hikeshi.core.postmortem.Postmortem> openPostmortems(int limit) {
        return postmortems.values().stream().filter(p -> !p.isComplete())
                .sorted(Comparator.comparing(io.hikeshi.core.postmortem.Postmortem::due)).limit(limit).toList();
    }

    @Override
    public synchronized boolean isDone(String step) {
        return done.contains(step);
    }

    @Override
    public synchronized void markDone(String step, java.time.Instant expiresAt) {
        done.add(step);
    }

    @Override
    public synchronized IncidentId allocateId() {
        return new IncidentId(++counter);
    }

    @Override
    public synchronized long increment(String name, java.time.Instant expiresAt) {
        return counters.merge(name, 1L, Long::sum);
    }

    @Override
    public synchronized CommitResult commit(Change change) {
        if (change.deliveryId() != null && deliveries.contains(change.deliveryId())) {
            return CommitResult.DUPLICATE;
        }
        if (!incidentConditionHolds(change.incident()) || !alertConditionHolds(change.alert())
                || !timelineIsNew(change.timeline())) {
            return CommitResult.CONFLICT;
        }
        applyIncident(change.incident());
        if (change.alert() != null) {
            alerts.put(change.alert().key(), change.alert().stored(change.alert().version() + 1));
        }
        change.timeline().forEach(e -> timelines.computeIfAbsent(e.incidentId(), k -> new HashMap<>())
                .put(e.entryId(), e));
        if (change.deliveryId() != null) {
            deliveries.add(change.deliveryId());
        }
        change.events().forEach(e -> outbox.put(e.id(), e));
        return CommitResult.COMMITTED;
    }

    private boolean incidentConditionHolds(Change.IncidentWrite write) {
        Incident current = write == null ? null : incidents.get(write.id());
        return switch (write) {
            case null -> true;
            case Change.Create c -> current == null;
            case Change.Update u -> current != null && current.version() == u.incident().version();
            case Change.CountOccurrence c -> current != null && current.isOpen();
        };
    }

    private boolean alertConditionHolds(AlertState next) {
        if (next == null) {
            return true;
        }
        AlertState current = alerts.get(next.key());
        return current == null ? next.version() == 0 : current.version() == next.version();
    }

    private boolean timelineIsNew(List<TimelineEntry> entries) {
        return entries.stream().noneMatch(e -> timelines.getOrDefault(e.incidentId(), Map.of())
                .containsKey(e.entryId()));
    }

    private void applyIncident(Change.IncidentWrite write) {
        switch (write) {
            case null -> { }
            case Change.Create c -> incidents.put(c.id(), c.incident().stored(1, c.incident().occurrences()));
            case Change.Update u -> {
                Incident current = incidents.get(u.id());
                incidents.put(u.id(), u.incident().stored(current.version() + 1,
                        current.occurrences() + (u.countOccurrence() ? 1 : 0)));
            }
            case Change.CountOccurrence c -> {
                Incident current = incidents.get(c.id());
                incidents.put(c.id(), current.stored(current.version(), current.occurrences() + 1));
            }
        }
    }

    /** For tests that inspect idempotency records. */
    public synchronized int deliveriesRecorded() {
        return deliveries.size();
    }

    public synchronized List<TimelineEntry> allTimelineEntries() {
        List<TimelineEntry> all = new ArrayList<>();
        timelines.values().forEach(m -> all.addAll(m.values()));
        return all;
    }
}
