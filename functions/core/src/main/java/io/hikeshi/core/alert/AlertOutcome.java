package io.hikeshi.core.alert;

import io.hikeshi.core.incident.IncidentId;

/** What receiving one alert did, for the caller's log and response. */
public record AlertOutcome(Kind kind, IncidentId incident, String detail) {

    public enum Kind {
        /** A new incident was opened. */
        OPENED,
        /** The occurrence was counted on the open incident. */
        COUNTED,
        /** The recovery was recorded and the incident mitigated or resolved. */
        RECOVERED,
        /** The open incident was acknowledged. */
        ACKNOWLEDGED,
        /** Beyond the source's storm limit: grouped onto the source's storm incident, never dropped. */
        GROUPED,
        /** Recorded (a note, an alert state with no incident), no incident opened or changed. */
        RECORDED,
        /** Older than what is already known: recorded, changed nothing else. */
        STALE,
        /** This delivery was received before: nothing changed. */
        DUPLICATE
    }
}
