package io.hikeshi.local.api;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.web.IncidentFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of incidents for the read API (stable field names, ISO-8601 times, seconds for durations). */
public final class IncidentJson {

    private static final Messages ENGLISH = Messages.of(Messages.ENGLISH);

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
}
