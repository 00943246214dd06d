package io.hikeshi.handlers.api;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.web.IncidentFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of incidents for the read API (stable field names, ISO-8601 times, seconds for durations). */
public final class IncidentJson {

    private IncidentJson() { }

    /** The same fields as the web page's JSON export. */
    public static Map<String, Object> summary(Incident i) {
        return IncidentFields.summary(i);
    }

    public static Map<String, Object> withTimeline(Incident i, List<TimelineEntry> timeline) {
        Map<String, Object> m = summary(i);
        m.put("timeline", timeline.stream().map(IncidentJson::entry).toList());
        return m;
    }

    private static Map<String, Object> entry(TimelineEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", time(e.at()));
        m.put("kind", e.kind().name());
        m.put("actor", e.actor());
        m.put("text", e.text());
        m.put("attributes", e.attributes());
        return m;
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
