package io.hikeshi.core.incident;

import java.time.Instant;
import java.util.List;

/**
 * What the incident list asks for: a detection-time range (newest first) and optional filters.
 * Every field may be null (no filter); the range defaults to all time.
 *
 * @param titleContains case-insensitive
 */
public record IncidentQuery(Instant from, Instant to, Status status, Severity severity, String service,
                            String titleContains) {

    public static IncidentQuery all() {
        return new IncidentQuery(null, null, null, null, null, null);
    }

    /** One page of results, and the cursor to the next (null at the end). */
    public record Page<T>(List<T> items, String nextCursor) { }
}
