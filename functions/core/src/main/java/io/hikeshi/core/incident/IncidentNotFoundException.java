package io.hikeshi.core.incident;

import io.hikeshi.core.Refusal;

/** An incident id that names no incident. */
public class IncidentNotFoundException extends Refusal {

    public IncidentNotFoundException(IncidentId id) {
        super("refusal.incident.unknown", id.toString());
    }
}
