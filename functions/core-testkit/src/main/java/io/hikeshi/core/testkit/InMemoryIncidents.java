package io.hikeshi.core.testkit;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link IncidentRepository} in memory: commits are all-or-nothing under the same conditions as DynamoDB's. */
final class InMemoryIncidents implements IncidentRepository {

    private final Tables t;

    InMemoryIncidents(Tables tables) {
        this.t = tables;
    }

    @Override
    public Optional<Incident> find(IncidentId id) {
        synchronized (t) {
            return Optional.ofNullable(t.incidents.get(id));
        }
    }

    @Override
    public List<TimelineEntry> timeline(IncidentId id, int limit) {
        synchronized (t) {
            return t.timelines.getOrDefault(id, Map.of()).values().stream()
                    .sorted(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::entryId))
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public IncidentId nextId() {
        synchronized (t) {
            return new IncidentId(++t.lastIncidentNumber);
        }
    }

    @Override
    public boolean delivered(String deliveryId) {
        synchronized (t) {
            return t.deliveries.contains(deliveryId);
        }
    }

    @Override
    public CommitResult commit(Change change) {
        synchronized (t) {
            if (change.deliveryId() != null && t.deliveries.contains(change.deliveryId())) {
                return CommitResult.DUPLICATE;
            }
            if (!incidentConditionHolds(change.incident()) || !alertConditionHolds(change.alert())
                    || !timelineIsNew(change.timeline())) {
                return CommitResult.CONFLICT;
            }
            applyIncident(change.incident());
            if (change.alert() != null) {
                t.alerts.put(change.alert().key(), change.alert().stored(change.alert().version() + 1));
            }
            change.timeline().forEach(e -> t.timelines.computeIfAbsent(e.incidentId(), k -> new HashMap<>())
                    .put(e.entryId(), e));
            if (change.deliveryId() != null) {
                t.deliveries.add(change.deliveryId());
            }
            change.events().forEach(e -> t.outbox.put(e.id(), e));
            return CommitResult.COMMITTED;
        }
    }

    private boolean incidentConditionHolds(Change.IncidentWrite write) {
        Incident current = write == null ? null : t.incidents.get(write.id());
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
        AlertState current = t.alerts.get(next.key());
        return current == null ? next.version() == 0 : current.version() == next.version();
    }

    private boolean timelineIsNew(List<TimelineEntry> entries) {
        return entries.stream().noneMatch(e -> t.timelines.getOrDefault(e.incidentId(), Map.of()).containsKey(e.entryId()));
    }

    private void applyIncident(Change.IncidentWrite write) {
        switch (write) {
            case null -> { }
            case Change.Create c -> t.incidents.put(c.id(), c.incident().stored(1, c.incident().occurrences()));
            case Change.Update u -> {
                Incident current = t.incidents.get(u.id());
                t.incidents.put(u.id(), u.incident().stored(current.version() + 1,
                        current.occurrences() + (u.countOccurrence() ? 1 : 0)));
            }
            case Change.CountOccurrence c -> {
                Incident current = t.incidents.get(c.id());
                t.incidents.put(c.id(), current.stored(current.version(), current.occurrences() + 1));
            }
        }
    }
}
