package io.hikeshi.core.store;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.TimelineEntry;
import java.util.List;
import java.util.Objects;

/**
 * Everything one command changes, committed all-or-nothing by {@link io.hikeshi.core.incident.IncidentRepository#commit}.
 *
 * @param deliveryId the id of the delivery that caused it (e.g. an EventBridge event id), or null;
 *                   a delivery id commits at most once, so a redelivery changes nothing twice
 * @param incident   what happens to the incident, or null
 * @param alert      the alert state to save, or null
 * @param timeline   entries appended to the timeline
 * @param events     domain events this change causes: stored in the outbox in the same transaction,
 *                   so they are published if and only if the change committed
 */
public record Change(String deliveryId, IncidentWrite incident, AlertState alert, List<TimelineEntry> timeline,
                     List<DomainEvent> events) {

    public Change {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A change that announces nothing. */
    public Change(String deliveryId, IncidentWrite incident, AlertState alert, List<TimelineEntry> timeline) {
        this(deliveryId, incident, alert, timeline, List.of());
    }

    /** The same change, also publishing {@code more} events (written to the outbox in the same transaction). */
    public Change announcing(List<DomainEvent> more) {
        List<DomainEvent> all = new java.util.ArrayList<>(events);
        all.addAll(more);
        return new Change(deliveryId, incident, alert, timeline, all);
    }

    /** What a change does to an incident. */
    public sealed interface IncidentWrite {
        IncidentId id();
    }

    /** Stores a new incident; fails if the id is taken. */
    public record Create(Incident incident) implements IncidentWrite {
        public IncidentId id() {
            return incident.id();
        }
    }

    /**
     * Replaces the incident's fields, only if it is still at {@code incident.version()} (optimistic
     * lock). The occurrence count is not replaced: it is only ever added to ({@code countOccurrence}).
     */
    public record Update(Incident incident, boolean countOccurrence) implements IncidentWrite {
        public Update(Incident incident) {
            this(incident, false);
        }

        public IncidentId id() {
            return incident.id();
        }
    }

    /** Adds one to the occurrence count, only while the incident is open. Commutative: needs no lock. */
    public record CountOccurrence(IncidentId id) implements IncidentWrite {
        public CountOccurrence {
            Objects.requireNonNull(id, "id");
        }
    }
}
