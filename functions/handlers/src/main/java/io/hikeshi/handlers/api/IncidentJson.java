package io.hikeshi.handlers.api;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shape of incidents for the read API (stable field names, ISO-8601 times, seconds for durations). */
public final class IncidentJson {

    private static final Messages ENGLISH = Messages.of(Messages.ENGLISH);

    private IncidentJson() { }

    public static Map<String, Object> summary(Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id().toString());
        m.put("title", i.title());
        m.put("severity", i.severity().name());
        m.put("status", i.status().name().toLowerCase());
        m.put("service", i.service());
        m.put("commander", i.commander());
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

    public static Map<String, Object> withTimeline(Incident i, List<TimelineEntry> timeline) {
        Map<String, Object> m = summary(i);
        m.put("timeline", timeline.stream().map(IncidentJson::entry).toList());
        return m;
    }

    /**
     * One entry: {@code text} is the entry in English words, as it always was (the API has no reader's
     * language, and scripts and logs read sentences); {@code kind} and {@code params} are the same entry
     * as data, for programs, which should never parse the sentence.
     */
    private static Map<String, Object> entry(TimelineEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", time(e.at()));
        m.put("kind", e.kind().name());
        m.put("actor", e.actor());
        m.put("text", TimelineText.render(e, ENGLISH));
        m.put("params", e.params());
        m.put("attributes", e.attributes());
        return m;
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Long seconds(Optional<Duration> d) {
        return d.map(Duration::toSeconds).orElse(null);
    }
}
