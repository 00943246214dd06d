package io.hikeshi.web;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.people.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An incident as the read API and the JSON export give it: stable field names, ISO-8601 times,
 * durations in seconds, null for what has not happened.
 */
public final class IncidentFields {

    private IncidentFields() { }

    /** The incident, its commander by id only. */
    public static Map<String, Object> summary(Incident i) {
        return summary(i, Names.NONE);
    }

    /** The incident, its commander by id and by name ({@code commanderName}: the id where no name is known). */
    public static Map<String, Object> summary(Incident i, Names names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id().toString());
        m.put("title", i.title());
        m.put("severity", i.severity().name());
        m.put("status", i.status().name().toLowerCase(Locale.ROOT));
        m.put("service", i.service());
        m.put("commander", i.commander());
        m.put("commanderName", names.of(i.commander()));
        m.put("alertKey", i.alertKey());
        m.put("description", i.description());
        m.put("occurrences", i.occurrences());
        m.put("detectedAt", time(i.detectedAt()));
        m.put("acknowledgedAt", time(i.acknowledgedAt()));
        m.put("mitigatedAt", time(i.mitigatedAt()));
        m.put("resolvedAt", time(i.resolvedAt()));
        m.put("secondsToAcknowledge", seconds(i.timeToAcknowledge()));
        m.put("secondsToMitigate", seconds(i.timeToMitigate()));
        m.put("secondsToResolve", seconds(i.timeToResolve()));
        m.put("version", i.version());
        return m;
    }

    static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Long seconds(Optional<Duration> d) {
        return d.map(Duration::toSeconds).orElse(null);
    }
}
