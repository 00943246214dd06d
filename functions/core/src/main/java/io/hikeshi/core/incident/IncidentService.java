package io.hikeshi.core.incident;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.alert.StoreContentionException;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import io.hikeshi.core.store.IncidentStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Changes people make to an incident (acknowledge, status, severity, commander, notes).
 *
 * <p>Each change is read → apply → conditional write on the version read; when someone else
 * wrote in between, it is re-applied to the fresh incident. So two people changing different
 * things at once both win, and a change that has become illegal (acknowledging what was just
 * resolved) fails with a clear error instead of overwriting.
 */
public final class IncidentService {

    private static final int MAX_ATTEMPTS = 10;

    private final IncidentStore store;
    private final Clock clock;

    public IncidentService(IncidentStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Incident get(IncidentId id) {
        return store.incident(id).orElseThrow(() -> new IncidentNotFoundException(id));
    }

    public Incident acknowledge(IncidentId id, String actor) {
        return changeStatus(id, Status.ACKNOWLEDGED, actor);
    }

    public Incident changeStatus(IncidentId id, Status target, String actor) {
        return change(id, actor, TimelineKind.STATUS_CHANGED, i -> i.moveTo(target, clock.instant()),
                i -> "Status → " + target.name().toLowerCase(java.util.Locale.ROOT));
    }

    public Incident changeSeverity(IncidentId id, Severity severity, String actor) {
        return change(id, actor, TimelineKind.SEVERITY_CHANGED, i -> i.withSeverity(severity),
                i -> "Severity → " + severity);
    }

    public Incident assignCommander(IncidentId id, String commander, String actor) {
        return change(id, actor, TimelineKind.COMMANDER_CHANGED, i -> i.withCommander(commander),
                i -> "Commander → " + commander);
    }

    /** Appends a note; touches nothing else, so it never conflicts. */
    public void addNote(IncidentId id, String actor, String text) {
        get(id);
        TimelineEntry note = new TimelineEntry(id, UUID.randomUUID().toString(), clock.instant(),
                TimelineKind.NOTE, actor, text, Map.of());
        if (store.commit(new Change(null, null, null, List.of(note))) != CommitResult.COMMITTED) {
            throw new StoreContentionException("could not add a note to " + id);
        }
    }

    private Incident change(IncidentId id, String actor, TimelineKind kind, UnaryOperator<Incident> apply,
                            java.util.function.Function<Incident, String> describe) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Incident current = get(id);
            Incident next = apply.apply(current);
            TimelineEntry entry = new TimelineEntry(id, UUID.randomUUID().toString(), clock.instant(), kind, actor,
                    describe.apply(next), Map.of());
            Change change = new Change(null, new Change.Update(next), releasedAlert(next), List.of(entry));
            if (store.commit(change) == CommitResult.COMMITTED) {
                return store.incident(id).orElse(next);
            }
            if (!io.hikeshi.core.store.Backoff.pause(attempt)) {
                break;
            }
        }
        throw new StoreContentionException(id + " kept changing; try again");
    }

    /** A resolved incident frees its alert, so the alert's next firing opens a new incident. */
    private AlertState releasedAlert(Incident next) {
        if (next.status() != Status.RESOLVED || next.alertKey() == null) {
            return null;
        }
        return store.alertState(next.alertKey())
                .filter(a -> next.id().equals(a.openIncident()))
                .map(a -> a.released(next.resolvedAt()))
                .orElse(null);
    }
}
