package io.hikeshi.core.alert;

import io.hikeshi.core.alert.AlertOutcome.Kind;
import io.hikeshi.core.event.IncidentEvents;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineParams;
import io.hikeshi.core.store.Backoff;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.store.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns alerts into incidents: one open incident per alert key, every delivery counted once,
 * late deliveries never regress what a newer one established.
 *
 * <p>Each delivery is decided from the alert's stored {@link AlertState} and committed as one
 * conditional {@link Change}; if anything moved in between, the store says CONFLICT and the
 * delivery is decided again from fresh state. Correctness rests on the store's conditions alone,
 * so any number of processes (Lambda instances) may receive the same alert at once. Within one
 * process, openings of the same alert also take a lock, which only spares the losers of the race
 * a wasted incident number.
 */
public final class AlertIntakeService {

    /** Enough for a storm of a few hundred concurrent deliveries of one alert; then the caller retries. */
    static final int MAX_ATTEMPTS = 25;

    private final IncidentRepository incidents;
    private final AlertStates alerts;
    private final AlertRouting routing;
    private final boolean resolveOnRecovery;
    private final StormGuard stormGuard;
    private final Object[] openingLocks = new Object[64];

    /**
     * @param resolveOnRecovery when true, a recovery resolves the incident; when false (the default
     *                          in configuration), it only mitigates it and a person resolves it
     */
    public AlertIntakeService(Storage storage, AlertRouting routing, boolean resolveOnRecovery) {
        this(storage, routing, resolveOnRecovery, StormGuard.unlimited(storage.counters()));
    }

    /** @param stormGuard limits how many incidents one source may open per window */
    public AlertIntakeService(Storage storage, AlertRouting routing, boolean resolveOnRecovery,
                              StormGuard stormGuard) {
        this.stormGuard = Objects.requireNonNull(stormGuard, "stormGuard");
        this.incidents = storage.incidents();
        this.alerts = storage.alerts();
        this.routing = Objects.requireNonNull(routing, "routing");
        this.resolveOnRecovery = resolveOnRecovery;
        for (int i = 0; i < openingLocks.length; i++) {
            openingLocks[i] = new Object();
        }
    }

    /** One read of an alert record that never exists: warms the store's client (SnapStart priming). */
    public void warmUp() {
        alerts.find("priming:never-exists");
    }

    /**
     * Receives one delivery of an alert.
     *
     * @param deliveryId the transport's id for this delivery (EventBridge event id): a second
     *                   delivery with the same id changes nothing
     * @throws StoreContentionException if the alert kept changing under it; retrying later is safe
     */
    public AlertOutcome receive(Alert alert, String deliveryId) {
        Objects.requireNonNull(deliveryId, "deliveryId");
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            AlertState state = currentState(alert.key());
            AlertOutcome outcome = mayOpen(alert, state)
                    ? openUnderLock(alert, deliveryId)
                    : attempt(alert, state, deliveryId);
            if (outcome != null) {
                return outcome;
            }
            backOff(attempt);
        }
        // Nothing was recorded for this delivery, so the transport's retry is safe.
        throw new StoreContentionException("alert " + alert.key());
    }

    private AlertState currentState(String key) {
        return alerts.find(key).orElse(AlertState.unseen(key));
    }

    private boolean mayOpen(Alert alert, AlertState state) {
        return alert.signal() == Signal.TRIGGER && !state.hasOpenIncident();
    }

    private AlertOutcome openUnderLock(Alert alert, String deliveryId) {
        synchronized (openingLocks[Math.floorMod(alert.key().hashCode(), openingLocks.length)]) {
            return attempt(alert, currentState(alert.key()), deliveryId);
        }
    }

    /** One decide-and-commit round; null when the store reported a conflict. */
    private AlertOutcome attempt(Alert alert, AlertState state, String deliveryId) {
        Decision decision = switch (alert.signal()) {
            case TRIGGER -> state.hasOpenIncident() ? repeat(alert, state, deliveryId) : trigger(alert, state, deliveryId);
            case RESOLVE, CLOSE -> state.hasOpenIncident() ? recover(alert, state, deliveryId) : recordState(alert, state, deliveryId);
            case NOTE -> state.hasOpenIncident() ? note(alert, state, deliveryId) : recordState(alert, state, deliveryId);
            case ACKNOWLEDGE -> state.hasOpenIncident() ? acknowledge(alert, state, deliveryId) : nothingToAcknowledge(deliveryId);
        };
        CommitResult result = incidents.commit(decision.change());
        return switch (result) {
            case COMMITTED -> decision.outcome();
            case DUPLICATE -> new AlertOutcome(Kind.DUPLICATE, null, "delivery " + deliveryId + " was already received");
            case CONFLICT -> null;
        };
    }

    private record Decision(Change change, AlertOutcome outcome) { }

    /**
     * The alert fires again while its incident is open: count it; note it unless it is an exact
     * repeat. Firing again after it recovered means the fix did not hold: a mitigated incident goes
     * back to investigating.
     */
    private Decision repeat(Alert alert, AlertState state, String deliveryId) {
        IncidentId id = state.openIncident();
        if (state.lastRecoveredAt() != null && alert.at().isAfter(state.lastRecoveredAt()) && state.isNewer(alert.at())) {
            Incident incident = incidents.find(id).orElseThrow(() -> new IllegalStateException(
                    "alert " + alert.key() + " points at missing incident " + id));
            if (incident.status() == Status.MITIGATED) {
                return refire(alert, state, deliveryId, incident);
            }
        }
        boolean exactRepeat = alert.at().equals(state.signalAt()) && alert.state().equals(state.signal());
        List<TimelineEntry> entries = exactRepeat ? List.of()
                : List.of(entry(id, deliveryId, alert.at(), TimelineKind.ALERT_REPEATED, alert,
                        state.isNewer(alert.at()) ? TimelineParams.firedAgain() : TimelineParams.lateFiring()));
        AlertState next = state.isNewer(alert.at()) ? state.withSignal(alert.state(), alert.at()) : null;
        Change change = new Change(deliveryId, new Change.CountOccurrence(id), next, entries);
        return new Decision(change, new AlertOutcome(Kind.COUNTED, id, "occurrence counted on " + id));
    }

    private Decision refire(Alert alert, AlertState state, String deliveryId, Incident mitigated) {
        IncidentId id = mitigated.id();
        TimelineEntry entry = entry(id, deliveryId, alert.at(), TimelineKind.ALERT_REPEATED, alert,
                TimelineParams.firedAgainAfterRecovery());
        Incident investigating = mitigated.firedAgain(alert.at());
        Change change = new Change(deliveryId, new Change.Update(investigating, true),
                state.withSignal(alert.state(), alert.at()), List.of(entry),
                IncidentEvents.changes(mitigated, investigating, alert.source(), alert.at()));
        return new Decision(change, new AlertOutcome(Kind.COUNTED, id, id + " fired again: back to investigating"));
    }

    /**
     * The alert fires with no incident open: open one. A late firing that falls within the last
     * incident's span is attached to it instead; one older than a recovery we already know opens
     * its incident already recovered.
     */
    private Decision trigger(Alert alert, AlertState state, String deliveryId) {
        if (state.withinLastIncident(alert.at())) {
            IncidentId last = state.lastIncident();
            TimelineEntry entry = entry(last, deliveryId, alert.at(), TimelineKind.ALERT_NOTE, alert,
                    TimelineParams.lateFiringAfterClose(last, state.lastClosedAt()), "");
            return new Decision(new Change(deliveryId, null, null, List.of(entry)),
                    new AlertOutcome(Kind.STALE, last, "late firing attached to " + last + ", which stays closed"));
        }
        if (!StormGuard.isStormKey(alert.key()) && !stormGuard.admitOpening(alert.source())) {
            return groupIntoStorm(alert, deliveryId);
        }
        boolean staleFiring = state.lastRecoveredAt() != null && !alert.at().isAfter(state.lastRecoveredAt());
        AlertRouting.Decision route = routing.route(alert);
        IncidentId id = incidents.nextId();
        // Detected when Hikeshi was told; a firing already known to have recovered keeps its own span.
        Incident incident = Incident.open(id, alert.name(), route.severity(), route.service(), alert.key(),
                alert.summary(), staleFiring ? alert.at() : alert.toldAt());
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(entry(id, deliveryId, alert.at(), TimelineKind.OPENED, alert,
                TimelineParams.openedByAlert(alert.name(), alert.state())));
        if (!alert.missing().isEmpty()) {
            // Opened with what the monitor sent; a person sees at once what it left out.
            entries.add(entry(id, deliveryId + "#missing", alert.at(), TimelineKind.ALERT_NOTE, alert,
                    TimelineParams.missingFields(alert.missing()), ""));
        }
        AlertState next = state.opened(id, alert.at());
        next = state.isNewer(alert.at()) ? next.withSignal(alert.state(), alert.at()) : next;
        if (staleFiring) {
            // It fired and recovered before we heard of the firing: open it already recovered.
            Status target = recoveryTarget();
            incident = incident.moveTo(target, state.lastRecoveredAt());
            next = next.recovered(state.lastRecoveredAt(), target == Status.RESOLVED);
            entries.add(entry(id, deliveryId + "#recovered", state.lastRecoveredAt(), TimelineKind.ALERT_RECOVERED,
                    alert, TimelineParams.alreadyRecovered(state.signal()), ""));
        }
        return new Decision(new Change(deliveryId, new Change.Create(incident), next, entries,
                List.of(IncidentEvents.opened(incident, alert.source()))),
                new AlertOutcome(Kind.OPENED, id, "opened " + id + " (" + route.severity() + ", " + route.service()
                        + (staleFiring ? ", already recovered" : "") + ")"));
    }

    /** Over the source's storm limit: count the alert on the source's storm incident (opening it if needed). */
    private Decision groupIntoStorm(Alert alert, String deliveryId) {
        Alert storm = StormGuard.stormAlertFor(alert);
        AlertState stormState = currentState(storm.key());
        String why = alert.source() + " opened " + stormGuard.limit() + " incidents within " + stormGuard.window()
                + "; " + alert.name() + " grouped";
        if (!stormState.hasOpenIncident()) {
            Decision opened = trigger(storm, stormState, deliveryId);
            return new Decision(opened.change(), new AlertOutcome(Kind.GROUPED, opened.outcome().incident(),
                    why + " onto new storm incident " + opened.outcome().incident()));
        }
        IncidentId id = stormState.openIncident();
        TimelineEntry entry = entry(id, deliveryId, alert.at(), TimelineKind.ALERT_REPEATED, alert,
                TimelineParams.groupedIntoStorm(alert.name()));
        return new Decision(new Change(deliveryId, new Change.CountOccurrence(id), null, List.of(entry)),
                new AlertOutcome(Kind.GROUPED, id, why + " onto " + id));
    }

    /** A monitor says someone is on it: acknowledge the open incident if it is still only triggered. */
    private Decision acknowledge(Alert alert, AlertState state, String deliveryId) {
        IncidentId id = state.openIncident();
        Incident incident = incidents.find(id).orElseThrow(() -> new IllegalStateException(
                "alert " + alert.key() + " points at missing incident " + id));
        boolean moves = incident.status().canMoveTo(Status.ACKNOWLEDGED);
        Incident acknowledged = moves ? incident.moveTo(Status.ACKNOWLEDGED, alert.at()) : incident;
        Change.IncidentWrite write = moves ? new Change.Update(acknowledged) : null;
        TimelineEntry entry = moves
                ? entry(id, deliveryId, alert.at(), TimelineKind.STATUS_CHANGED, alert, TimelineParams.acknowledgedByAlert())
                : entry(id, deliveryId, alert.at(), TimelineKind.ALERT_NOTE, alert,
                        TimelineParams.acknowledgedTooLate(incident.status()));
        return new Decision(new Change(deliveryId, write, null, List.of(entry),
                IncidentEvents.changes(incident, acknowledged, alert.source(), alert.at())),
                new AlertOutcome(moves ? Kind.ACKNOWLEDGED : Kind.RECORDED, id, id + (moves ? " acknowledged"
                        : " already " + incident.status().name().toLowerCase(Locale.ROOT))));
    }

    private Decision nothingToAcknowledge(String deliveryId) {
        return new Decision(new Change(deliveryId, null, null, List.of()),
                new AlertOutcome(Kind.RECORDED, null, "no open incident to acknowledge"));
    }

    /** The alert recovered while its incident is open: mitigate or resolve it, unless a newer state exists. */
    private Decision recover(Alert alert, AlertState state, String deliveryId) {
        IncidentId id = state.openIncident();
        if (!state.isNewer(alert.at())) {
            TimelineEntry entry = entry(id, deliveryId, alert.at(), TimelineKind.ALERT_NOTE, alert,
                    TimelineParams.lateRecoveryIgnored(alert.state(), state.signal(), state.signalAt()), "");
            return new Decision(new Change(deliveryId, null, null, List.of(entry)),
                    new AlertOutcome(Kind.STALE, id, "older than the newest state; " + id + " unchanged"));
        }
        Incident incident = incidents.find(id).orElseThrow(() -> new IllegalStateException(
                "alert " + alert.key() + " points at missing incident " + id));
        Status target = alert.signal() == Signal.CLOSE ? Status.RESOLVED : recoveryTarget();
        boolean moves = incident.status().canMoveTo(target);
        Incident recovered = moves ? incident.moveTo(target, alert.at()) : incident;
        Change.IncidentWrite write = moves ? new Change.Update(recovered) : null;
        AlertState next = state.withSignal(alert.state(), alert.at())
                .recovered(alert.at(), moves && target == Status.RESOLVED);
        TimelineEntry entry = entry(id, deliveryId, alert.at(), TimelineKind.ALERT_RECOVERED, alert,
                TimelineParams.recovered(alert.state(), moves ? target : null));
        return new Decision(new Change(deliveryId, write, next, List.of(entry),
                IncidentEvents.changes(incident, recovered, alert.source(), alert.at())),
                new AlertOutcome(Kind.RECOVERED, id, id + (moves ? " " + target.name().toLowerCase(Locale.ROOT)
                        : " stays " + incident.status().name().toLowerCase(Locale.ROOT))));
    }

    private Status recoveryTarget() {
        return resolveOnRecovery ? Status.RESOLVED : Status.MITIGATED;
    }

    /** A state worth recording on the open incident (INSUFFICIENT_DATA, unknown): never changes its status. */
    private Decision note(Alert alert, AlertState state, String deliveryId) {
        IncidentId id = state.openIncident();
        TimelineEntry entry = entry(id, deliveryId, alert.at(), TimelineKind.ALERT_NOTE, alert,
                TimelineParams.alertState(alert.state()));
        AlertState next = state.isNewer(alert.at()) ? state.withSignal(alert.state(), alert.at()) : null;
        return new Decision(new Change(deliveryId, null, next, List.of(entry)),
                new AlertOutcome(Kind.RECORDED, id, alert.state() + " recorded on " + id));
    }

    /** No incident open: remember the state (a recovery makes later, older firings stale). */
    private Decision recordState(Alert alert, AlertState state, String deliveryId) {
        if (!state.isNewer(alert.at())) {
            return new Decision(new Change(deliveryId, null, null, List.of()),
                    new AlertOutcome(Kind.STALE, null, alert.state() + " older than the newest state " + state.signal()));
        }
        AlertState next = state.withSignal(alert.state(), alert.at());
        next = alert.signal() == Signal.RESOLVE || alert.signal() == Signal.CLOSE ? next.recovered(alert.at(), false) : next;
        return new Decision(new Change(deliveryId, null, next, List.of()),
                new AlertOutcome(Kind.RECORDED, null, alert.state() + " recorded; no incident open"));
    }

    /** An entry the alert caused, with the alert's summary as what the monitor wrote. */
    private static TimelineEntry entry(IncidentId id, String entryId, Instant at, TimelineKind kind, Alert alert,
                                       Map<String, String> params) {
        return entry(id, entryId, at, kind, alert, params, alert.summary());
    }

    private static TimelineEntry entry(IncidentId id, String entryId, Instant at, TimelineKind kind, Alert alert,
                                       Map<String, String> params, String text) {
        // What the monitor said (links, custom details) is kept with the entry it caused.
        Map<String, String> attributes = new java.util.LinkedHashMap<>(alert.details());
        attributes.put("alertKey", alert.key());
        attributes.put("state", alert.state());
        return new TimelineEntry(id, entryId, at, kind, alert.source(), params, text, attributes);
    }

    private static void backOff(int attempt) {
        if (!Backoff.pause(attempt)) {
            throw new StoreContentionException("the alert store");
        }
    }
}
