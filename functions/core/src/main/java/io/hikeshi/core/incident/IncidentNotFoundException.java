package io.hikeshi.core.incident;

public class IncidentNotFoundException extends RuntimeException {
    public IncidentNotFoundException(IncidentId id) {
        super("no incident " + id);
    }
}
