package io.hikeshi.core.postmortem;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Links;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.people.Names;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A postmortem as one Markdown document, in the order of the Google SRE book's example
 * postmortem: title, metadata, summary, impact, root causes, trigger, resolution, detection,
 * action items, lessons learned, timeline, supporting information (the time-to-X figures).
 *
 * <p>English, or Japanese when the locale's language is {@code ja}: every word of its own comes from the
 * catalogue (area {@code postmortem}; the timeline's from area {@code timeline}). Times are shown in the team's
 * time zone ({@code 2026-11-24 12:12:45 JST}). Empty parts show a marker ({@code _(missing)_} /
 * {@code _（未記入）_}) rather than disappearing, so a draft shows what is left to write.
 *
 * <p>What people and monitors wrote is shown as text by any Markdown renderer ({@link #written}): their
 * Markdown (emphasis, lists) is kept, but HTML is not markup and a link goes only to http(s). In a table
 * cell {@code |} is escaped and line breaks become spaces, since a cell is one line. People are shown by the
 * names their workspace shows ({@link Names}), else by id; a name is theirs to choose, so it is escaped the same way.
 */
public final class PostmortemMarkdown {

    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    /**
     * Each begins something a Markdown renderer acts on, after any backslashes before it: {@code <} (an
     * HTML tag, comment or autolink), {@code ](} of an inline link or image whose destination is not
     * http(s), {@code ]:} of a link definition whose destination is not http(s).
     */
    private static final Pattern ACTIVE = Pattern.compile(
            "(\\\\*)(<|\\](?=\\((?!\\s*https?://))|\\](?=:(?!\\s*https?://)))", Pattern.CASE_INSENSITIVE);
    /** A table cell ends at a {@code |} that is not escaped. */
    private static final Pattern CELL_END = Pattern.compile("(\\\\*)(\\|)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss zzz", Locale.ENGLISH);
    private static final String DASH = "—";
    /** The sections that tell what happened, in the SRE book's order; then the lessons learned. */
    private static final List<Postmortem.Section> STORY = List.of(Postmortem.Section.SUMMARY, Postmortem.Section.IMPACT,
            Postmortem.Section.ROOT_CAUSES, Postmortem.Section.TRIGGER, Postmortem.Section.RESOLUTION,
            Postmortem.Section.DETECTION);
    private static final List<Postmortem.Section> LESSONS = List.of(Postmortem.Section.WENT_WELL,
            Postmortem.Section.WENT_WRONG, Postmortem.Section.GOT_LUCKY);

    private PostmortemMarkdown() {
    }

    /**
     * Renders {@code pm} for {@code incident}.
     *
     * @param timeline every entry of the incident's timeline (all are shown: this is the record),
     *                 in any order; shown by time
     * @param missing  what the checklist still lacks ({@link PostmortemChecklist#missing}); null to
     *                 work it out here. Decides the status shown (draft while anything is missing)
     * @param locale   Japanese for {@code ja}, English otherwise
     * @param zone     the team's time zone, for every time shown
     */
    public static String render(Postmortem pm, Incident incident, List<TimelineEntry> timeline,
                                List<PostmortemChecklist.Missing> missing, Locale locale, ZoneId zone) {
        return render(pm, incident, timeline, missing, Messages.of(locale == null ? Locale.ENGLISH : locale), zone);
    }

    /** Renders {@code pm} for {@code incident} in the language of {@code m}, people by id; see the method above. */
    public static String render(Postmortem pm, Incident incident, List<TimelineEntry> timeline,
                                List<PostmortemChecklist.Missing> missing, Messages m, ZoneId zone) {
        return render(pm, incident, timeline, missing, m, zone, Names.NONE);
    }

    /**
     * Renders {@code pm} for {@code incident} in the language of {@code m}; see the first method.
     *
     * @param names the names of the people it shows (owner, authors, action items' owners, the timeline's people);
     *              an id without a name is shown as it is
     */
    public static String render(Postmortem pm, Incident incident, List<TimelineEntry> timeline,
                                List<PostmortemChecklist.Missing> missing, Messages m, ZoneId zone, Names names) {
        Objects.requireNonNull(pm, "postmortem");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(zone, "zone");
        if (!pm.incident().equals(incident.id())) {
            throw new IllegalArgumentException("postmortem of " + pm.incident() + " rendered with incident " + incident.id());
        }
        List<PostmortemChecklist.Missing> lacking = missing == null ? PostmortemChecklist.missing(pm) : missing;
        StringBuilder md = new StringBuilder();
        md.append("# ").append(m.get("pm.md.title", written(oneLine(pm.title())), incident.id().toString())).append("\n\n");
        metadata(md, pm, incident, lacking, m, names);
        if (pm.isNotNeeded()) {
            Postmortem.NotNeeded why = pm.notNeeded();
            md.append("> **").append(m.get("pmp.md.not.needed")).append("** ")
                    .append(m.get("pmp.md.not.needed.by", person(why.by(), names), time(why.at(), zone))).append("\n>\n> ")
                    .append(written(why.reason().strip()).replace("\r\n", "\n").replace("\n", "\n> ")).append("\n\n");
        } else if (!pm.isComplete() && !lacking.isEmpty()) {
            md.append("> **").append(m.get("pm.md.missing.before.review")).append("** ")
                    .append(list(lacking.stream().map(x -> missingItem(x, m)).toList(), m)).append("\n\n");
        }
        sections(md, "## ", pm, STORY, m);
        actionItems(md, pm.actionItems(), m, names);
        md.append("## ").append(m.get("pm.md.lessons.learned")).append("\n\n");
        sections(md, "### ", pm, LESSONS, m);
        timeline(md, timeline, zone, m, names);
        figures(md, incident, zone, m);
        return md.toString();
    }

    private static void metadata(StringBuilder md, Postmortem pm, Incident incident,
                                 List<PostmortemChecklist.Missing> lacking, Messages m, Names names) {
        String none = m.get("pm.md.missing");
        md.append("| | |\n|---|---|\n");
        meta(md, m.get("pm.md.date"), date(pm.date(), none));
        meta(md, m.get("pm.md.authors"), pm.authors().isEmpty() ? none
                : String.join(", ", pm.authors().stream().map(author -> person(author, names)).toList()));
        meta(md, m.get("pm.md.status"), statusWord(status(pm, lacking), m));
        meta(md, m.get("pm.md.owner"), blank(pm.owner()) ? none : person(pm.owner(), names));
        meta(md, m.get("pm.md.due"), date(pm.due(), none));
        meta(md, m.get("pm.md.severity"), incident.severity().name());
        meta(md, m.get("pm.md.service"), incident.service());
        md.append('\n');
    }

    private static void sections(StringBuilder md, String heading, Postmortem pm, List<Postmortem.Section> sections,
                                 Messages m) {
        for (Postmortem.Section s : sections) {
            String text = pm.section(s);
            md.append(heading).append(sectionName(s, m)).append("\n\n")
                    .append(blank(text) ? m.get("pm.md.missing") : written(text.strip())).append("\n\n");
        }
    }

    private static void actionItems(StringBuilder md, List<ActionItem> items, Messages m, Names names) {
        String none = m.get("pm.md.missing");
        md.append("## ").append(m.get("pm.md.action.items")).append("\n\n");
        if (items.isEmpty()) {
            md.append(none).append("\n\n");
            return;
        }
        md.append("| ").append(String.join(" | ", m.get("pm.md.column.action.item"), m.get("pm.md.column.type"),
                m.get("pm.md.column.owner"), m.get("pm.md.column.due"), m.get("pm.md.column.tracking")))
                .append(" |\n|---|---|---|---|---|\n");
        for (ActionItem item : items) {
            md.append("| ").append(cell((item.done() ? "✅ " : "") + item.description()))
                    .append(" | ").append(typeWord(item.type(), m))
                    .append(" | ").append(blank(item.owner()) ? none : cell(person(item.owner(), names)))
                    .append(" | ").append(date(item.due(), none))
                    .append(" | ").append(blank(item.trackingLink()) ? DASH : cell(item.trackingLink()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    /** The incident's whole timeline, by time, each entry in the reader's language. */
    private static void timeline(StringBuilder md, List<TimelineEntry> timeline, ZoneId zone, Messages m, Names names) {
        md.append("## ").append(m.get("pm.md.timeline")).append("\n\n");
        List<TimelineEntry> entries = new ArrayList<>(timeline == null ? List.of() : timeline);
        entries.sort(Comparator.comparing(TimelineEntry::at)); // stable: entries at the same instant keep their order
        if (entries.isEmpty()) {
            md.append(m.get("pm.md.missing")).append("\n\n");
            return;
        }
        for (TimelineEntry e : entries) {
            md.append("- ").append(time(e.at(), zone)).append(" — ").append(TimelineText.kind(e.kind(), m))
                    .append(" — ").append(listItem(entryText(e, m, names))).append('\n');
        }
        md.append('\n');
    }

    /** The time-to-X figures (supporting information). */
    private static void figures(StringBuilder md, Incident incident, ZoneId zone, Messages m) {
        md.append("## ").append(m.get("pm.md.supporting")).append("\n\n");
        md.append("| ").append(String.join(" | ", m.get("pm.md.column.milestone"), m.get("pm.md.column.time"),
                m.get("pm.md.column.since.detection"))).append(" |\n|---|---|---|\n");
        figure(md, m.get("pm.md.detected"), incident.detectedAt(), null, zone, m);
        figure(md, m.get("pm.md.acknowledged"), incident.acknowledgedAt(), incident.timeToAcknowledge().orElse(null), zone, m);
        figure(md, m.get("pm.md.mitigated"), incident.mitigatedAt(), incident.timeToMitigate().orElse(null), zone, m);
        figure(md, m.get("pm.md.resolved"), incident.resolvedAt(), incident.timeToResolve().orElse(null), zone, m);
    }

    private static Postmortem.Status status(Postmortem pm, List<PostmortemChecklist.Missing> missing) {
        if (pm.isComplete()) {
            return Postmortem.Status.COMPLETE;
        }
        if (pm.isNotNeeded()) {
            return Postmortem.Status.NOT_NEEDED;
        }
        return missing.isEmpty() ? Postmortem.Status.IN_REVIEW : Postmortem.Status.DRAFT;
    }

    private static void meta(StringBuilder md, String label, String value) {
        md.append("| **").append(label).append("** | ").append(cell(value)).append(" |\n");
    }

    private static void figure(StringBuilder md, String label, Instant at, Duration since, ZoneId zone, Messages m) {
        md.append("| ").append(label).append(" | ").append(at == null ? DASH : time(at, zone))
                .append(" | ").append(since == null ? DASH : m.get("pm.md.minutes", since.toMinutes())).append(" |\n");
    }

    /**
     * A pinned message says who wrote it and links to it, the message an incident was declared from links to it; every
     * other entry is its words in the reader's language.
     */
    private static String entryText(TimelineEntry e, Messages m, Names names) {
        String text = written(TimelineText.render(e, m, names).strip());
        if (e.kind() != TimelineKind.PINNED_MESSAGE && e.kind() != TimelineKind.SOURCE_MESSAGE) {
            return text;
        }
        StringBuilder s = new StringBuilder();
        if (e.kind() == TimelineKind.PINNED_MESSAGE && !blank(e.actor())) {
            s.append(person(e.actor(), names)).append(": ");
        }
        s.append(text);
        String permalink = e.attributes().get("permalink");
        if (!blank(permalink)) {
            s.append(Links.http(permalink.strip())
                    .map(url -> " ([" + m.get("pm.md.permalink") + "](" + url + "))")
                    .orElseGet(() -> " (" + m.get("pm.md.permalink") + ": " + written(permalink.strip()) + ")"));
        }
        return s.toString();
    }

    /** A section's name: the checklist's word for it, which is also its heading. */
    private static String sectionName(Postmortem.Section s, Messages m) {
        return m.get("pm.check.section." + s.name().toLowerCase(Locale.ROOT));
    }

    private static String statusWord(Postmortem.Status s, Messages m) {
        return m.get(switch (s) {
            case DRAFT -> "pm.md.status.draft";
            case IN_REVIEW -> "pm.md.status.in_review";
            case COMPLETE -> "pm.md.status.complete";
            case NOT_NEEDED -> "pmp.md.status.not.needed";
        });
    }

    private static String typeWord(ActionItem.Type t, Messages m) {
        return m.get(switch (t) {
            case MITIGATE -> "pm.type.mitigate";
            case PREVENT -> "pm.type.prevent";
            case PROCESS -> "pm.type.process";
            case OTHER -> "pm.type.other";
        });
    }

    /** One unmet checklist item, named as what is missing. */
    private static String missingItem(PostmortemChecklist.Missing missing, Messages m) {
        String key = missing.key() == null ? "" : missing.key();
        String detail = missing.detail() == null ? "" : written(oneLine(missing.detail()));
        if (key.startsWith("section.")) {
            return m.get("pm.check." + key);
        }
        return switch (key) {
            case "owner" -> m.get("pm.md.owner");
            case "action.items" -> m.get("pm.md.action.items");
            case "action.prevent" -> m.get("pm.md.missing.action.prevent");
            case "action.unassigned" -> m.get("pm.md.missing.action.unassigned", detail);
            default -> detail.isEmpty() ? key : key + " (" + detail + ")";
        };
    }

    /** Items joined as the language joins a list ("a, b" / "a、b"). */
    private static String list(List<String> items, Messages m) {
        return items.stream().reduce((a, b) -> m.get("pm.md.list", a, b)).orElse("");
    }

    /** Continuation lines indented, so a multi-line text stays inside its list item. */
    private static String listItem(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\n  ");
    }

    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    private static String date(LocalDate date, String none) {
        return date == null ? none : date.toString();
    }

    /**
     * A Slack user as a mention of their name ({@code @Alice}), or of their id when no name is known
     * ({@code @U0ALICE}); anything else (a bot, "cloudwatch") as it is. A name is text on one line: its HTML and
     * links are escaped as in what people write, and a table cell escapes its {@code |} on top.
     */
    static String person(String id, Names names) {
        String s = id.strip();
        return SLACK_USER.matcher(s).matches() ? "@" + written(oneLine(names.of(s))) : written(s);
    }

    /** One table cell: written text on one line, its {@code |} escaped. */
    static String cell(String text) {
        return escaped(CELL_END, written(oneLine(text)));
    }

    /**
     * What someone wrote, as text for a Markdown renderer: an HTML tag, comment or autolink has its
     * {@code <} escaped ({@code \<b>} shows as {@code <b>}), and a link or link definition to anything but
     * http(s) has its {@code ]} escaped, so it shows as written and goes nowhere. The rest of their
     * Markdown is kept.
     */
    static String written(String text) {
        return escaped(ACTIVE, text);
    }

    /**
     * {@code text} with a backslash before each match's second group, unless already escaped (an odd
     * number of backslashes before it). A backslash written before it must not cancel the escape.
     */
    private static String escaped(Pattern active, String text) {
        return active.matcher(text).replaceAll(r -> {
            String backslashes = r.group(1);
            String escape = backslashes.length() % 2 == 0 ? "\\" : "";
            return java.util.regex.Matcher.quoteReplacement(backslashes + escape + r.group(2));
        });
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
