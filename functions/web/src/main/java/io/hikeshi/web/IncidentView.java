package io.hikeshi.web;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.postmortem.PostmortemChecklist;
import io.hikeshi.core.report.IncidentBrowser.IncidentRecord;
import java.util.List;
import java.util.Optional;

/**
 * One incident's page: the record, and its postmortem as Markdown with what the checklist still
 * lacks (both empty while there is no postmortem).
 */
public record IncidentView(Words words, IncidentRecord record, Optional<String> postmortemMarkdown,
                           List<PostmortemChecklist.Missing> missing) {

    public Incident incident() {
        return record.incident();
    }

    public String title() {
        return incident().id() + " " + incident().title();
    }

    public String commander() {
        return incident().commander() == null ? Words.NONE : "@" + incident().commander();
    }

    /** A timeline entry's link (a pinned Slack message's permalink), or blank. */
    public static String link(TimelineEntry entry) {
        return entry.attributes().getOrDefault("permalink", "");
    }
}
