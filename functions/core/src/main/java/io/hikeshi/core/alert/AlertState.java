package io.hikeshi.core.alert;

import io.hikeshi.core.incident.IncidentId;
import java.time.Instant;
import java.util.Objects;

/**
 * What Hikeshi knows of one alert source (one CloudWatch alarm, one webhook dedup key): the newest
 * state it reported and the incident it has open. This record is the dedup guard: an alert has at
 * most one open incident because opening one must claim {@code openIncident} while it is empty.
 *
 * @param signal          the newest state reported, e.g. {@code ALARM}, {@code OK}
 * @param signalAt        when that state began (the source's own timestamp, not delivery time);
 *                        older deliveries never overwrite it
 * @param openIncident    the open incident for this alert, or null
 * @param lastIncident    the most recent incident this alert opened, open or not, or null
 * @param lastOpenedAt    when {@code lastIncident}'s first alert fired
 * @param lastRecoveredAt when the alert last recovered, or null
 * @param lastClosedAt    when {@code lastIncident} was closed (by the alert's recovery or by a person),
 *                        or null while it is open; with {@code lastOpenedAt} it bounds which late
 *                        firings belong to it
 * @param version         optimistic-locking version; 0 when not stored yet
 */
public record AlertState(String key, String signal, Instant signalAt, IncidentId openIncident,
                         IncidentId lastIncident, Instant lastOpenedAt, Instant lastRecoveredAt, Instant lastClosedAt,
                         long version) {

    public AlertState {
        Objects.requireNonNull(key, "key");
    }

    public static AlertState unseen(String key) {
        return new AlertState(key, null, null, null, null, null, null, null, 0);
    }

    public boolean hasOpenIncident() {
        return openIncident != null;
    }

    /** True when {@code at} is strictly newer than every state seen so far. */
    public boolean isNewer(Instant at) {
        return signalAt == null || at.isAfter(signalAt);
    }

    public AlertState withSignal(String newSignal, Instant at) {
        return new AlertState(key, newSignal, at, openIncident, lastIncident, lastOpenedAt, lastRecoveredAt,
                lastClosedAt, version);
    }

    public AlertState opened(IncidentId incident, Instant firedAt) {
        return new AlertState(key, signal, signalAt, incident, incident, firedAt, lastRecoveredAt, null, version);
    }

    public AlertState recovered(Instant at, boolean closeIncident) {
        return new AlertState(key, signal, signalAt, closeIncident ? null : openIncident, lastIncident,
                lastOpenedAt, at, closeIncident ? at : lastClosedAt, version);
    }

    /** The open incident was closed by a person at {@code at}: the next firing opens a new one. */
    public AlertState released(Instant at) {
        return new AlertState(key, signal, signalAt, null, lastIncident, lastOpenedAt, lastRecoveredAt, at, version);
    }

    /** True when a firing at {@code at} falls within the last (closed) incident's span. */
    public boolean withinLastIncident(Instant at) {
        return lastIncident != null && lastOpenedAt != null && lastClosedAt != null
                && !at.isBefore(lastOpenedAt) && !at.isAfter(lastClosedAt);
    }

    /** The same state as stored at {@code newVersion}; used by stores only. */
    public AlertState stored(long newVersion) {
        return new AlertState(key, signal, signalAt, openIncident, lastIncident, lastOpenedAt, lastRecoveredAt,
                lastClosedAt, newVersion);
    }
}
