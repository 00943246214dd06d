package io.hikeshi.web;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Links;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.postmortem.PostmortemChecklist;
import io.hikeshi.core.report.IncidentBrowser.IncidentRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One incident's page: the record, and its postmortem as Markdown with what the checklist still
 * lacks (both empty while there is no postmortem).
 */
public record IncidentView(Words words, IncidentRecord record, Optional<String> postmortemMarkdown,
                           List<PostmortemChecklist.Missing> missing) {

    /** What a monitor's link is called among an entry's attributes: {@code link:<its label>}. */
    private static final String LINK = "link:";
    /** How a pinned message's permalink is shown. */
    private static final String PERMALINK_LABEL = "↗";

    public Incident incident() {
        return record.incident();
    }

    public String title() {
        return incident().id() + " " + incident().title();
    }

    /** Who said the postmortem is not needed, when and why; empty while it is needed, or there is none. */
    public Optional<String> notNeeded() {
        return record.postmortem().map(pm -> pm.notNeeded()).map(words::notNeeded);
    }

    /** The commander by name ({@code @Alice}), by id where no name is known. */
    public String commander() {
        return incident().commander() == null ? Words.NONE : "@" + record.names().of(incident().commander());
    }

    /** Who wrote a timeline entry: a person's name (their id where none is known), or the monitor. */
    public String actor(TimelineEntry entry) {
        return record.names().of(entry.actor());
    }

    /** A timeline entry's sentence, its people by name. */
    public String entry(TimelineEntry entry) {
        return words.entry(entry, record.names());
    }

    /** The war room's query for Slack's redirect: the channel id, URL-encoded (it is data, not ours). */
    public String warRoomQuery() {
        return Parameters.encode(Map.of("channel", record.channel().map(r -> r.channelId()).orElse("")));
    }

    /**
     * A link that came with a timeline entry.
     *
     * @param href the URL when it may be a link ({@link Links#http}); empty: the page shows label and URL as text
     */
    public record Link(String label, String url, Optional<String> href) {

        static Link of(String label, String url) {
            return new Link(label, url, Links.http(url));
        }
    }

    /** A timeline entry's links: what the monitor sent with its alert, then a pinned Slack message's permalink. */
    public static List<Link> links(TimelineEntry entry) {
        List<Link> links = new ArrayList<>();
        entry.attributes().forEach((name, url) -> {
            if (name.startsWith(LINK) && !url.isBlank()) {
                links.add(Link.of(name.substring(LINK.length()), url));
            }
        });
        String permalink = entry.attributes().getOrDefault("permalink", "");
        if (!permalink.isBlank()) {
            links.add(Link.of(PERMALINK_LABEL, permalink));
        }
        return links;
    }
}
