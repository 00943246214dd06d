package io.hikeshi.core.incident;

import static io.hikeshi.core.incident.TimelineParams.ACKNOWLEDGED;
import static io.hikeshi.core.incident.TimelineParams.ACTION_ADDED;
import static io.hikeshi.core.incident.TimelineParams.ACTION_ASSIGNED;
import static io.hikeshi.core.incident.TimelineParams.ACTION_DELETED;
import static io.hikeshi.core.incident.TimelineParams.ACTION_DONE;
import static io.hikeshi.core.incident.TimelineParams.ACTION_DUE;
import static io.hikeshi.core.incident.TimelineParams.ACTION_EDITED;
import static io.hikeshi.core.incident.TimelineParams.ACTION_REOPENED;
import static io.hikeshi.core.incident.TimelineParams.DUE;
import static io.hikeshi.core.incident.TimelineParams.OWNER;
import static io.hikeshi.core.incident.TimelineParams.AFTER_CLOSE;
import static io.hikeshi.core.incident.TimelineParams.ALERT;
import static io.hikeshi.core.incident.TimelineParams.ALREADY_RECOVERED;
import static io.hikeshi.core.incident.TimelineParams.BY_ALERT;
import static io.hikeshi.core.incident.TimelineParams.REOPENED;
import static io.hikeshi.core.incident.TimelineParams.CHANNEL;
import static io.hikeshi.core.incident.TimelineParams.CLOSED_AT;
import static io.hikeshi.core.incident.TimelineParams.COMMANDER;
import static io.hikeshi.core.incident.TimelineParams.FIELDS;
import static io.hikeshi.core.incident.TimelineParams.FROM;
import static io.hikeshi.core.incident.TimelineParams.GROUPED;
import static io.hikeshi.core.incident.TimelineParams.IGNORED;
import static io.hikeshi.core.incident.TimelineParams.INCIDENT;
import static io.hikeshi.core.incident.TimelineParams.LATE;
import static io.hikeshi.core.incident.TimelineParams.MISSING;
import static io.hikeshi.core.incident.TimelineParams.NEWER_AT;
import static io.hikeshi.core.incident.TimelineParams.NEWER_STATE;
import static io.hikeshi.core.incident.TimelineParams.REFIRED;
import static io.hikeshi.core.incident.TimelineParams.STATE;
import static io.hikeshi.core.incident.TimelineParams.STATUS;
import static io.hikeshi.core.incident.TimelineParams.TO;
import static io.hikeshi.core.incident.TimelineParams.VARIANT;
import static io.hikeshi.core.incident.TimelineParams.BY_POLICY;
import static io.hikeshi.core.incident.TimelineParams.NEEDED_AGAIN;
import static io.hikeshi.core.incident.TimelineParams.SEVERITY;
import static io.hikeshi.core.incident.TimelineParams.ROLE;
import static io.hikeshi.core.incident.TimelineParams.USER;
import static io.hikeshi.core.incident.TimelineParams.STEP;
import static io.hikeshi.core.incident.TimelineParams.TICKED;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.i18n.Text;
import io.hikeshi.core.people.Names;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A timeline entry in the reader's language. Every surface that shows a timeline (the web page, the
 * Markdown export, Slack) renders entries through here, never from their stored text directly.
 *
 * <p>An entry's sentence comes from the catalogue (area {@code timeline}), by its kind and
 * {@link TimelineParams parameters}; what a person or monitor wrote follows it, as written. An entry
 * without parameters is only its text: a note, a pinned message, or an entry stored before entries had
 * parameters, whose text is the English sentence it was stored with (shown as it is, in any language).
 *
 * <p>People are stored by id (the actor, a new commander, an owner); a reader outside Slack sees their
 * {@link Names names} where known ({@link #people} says which ids an entry names).
 */
public final class TimelineText {

    private TimelineText() { }

    /** The entry as a reader of {@code messages}' language reads it, people by id. */
    public static String render(TimelineEntry entry, Messages messages) {
        return render(entry, messages, Names.NONE);
    }

    /** The entry as a reader of {@code messages}' language reads it, people by their {@code names}. */
    public static String render(TimelineEntry entry, Messages messages, Names names) {
        return text(entry, names).render(messages);
    }

    /** The entry's words, still to be rendered: its kind's sentence and what was written with it; people by id. */
    public static Text text(TimelineEntry entry) {
        return text(entry, Names.NONE);
    }

    /** The entry's words, people by their {@code names} (an id whose name is unknown as it is). */
    public static Text text(TimelineEntry entry, Names names) {
        if (entry.params().isEmpty()) {
            return asWritten(entry);
        }
        return switch (entry.kind()) {
            case NOTE, PINNED_MESSAGE -> asWritten(entry);
            // The summary is the update itself; the status only labels it.
            case STATUS_UPDATE -> Text.of("timeline.status.update", status(entry.params()), entry.text().strip());
            default -> entry.text().isBlank() ? sentence(entry, names)
                    : Text.of("timeline.with.text", sentence(entry, names), entry.text().strip());
        };
    }

    /** The ids an entry names: who did it, and the commander, role holder or owner it made (the ids its sentence shows). */
    public static Set<String> people(TimelineEntry entry) {
        Set<String> ids = new LinkedHashSet<>();
        if (!entry.actor().isBlank()) {
            ids.add(entry.actor());
        }
        for (String param : new String[] {COMMANDER, USER, OWNER}) {
            String id = entry.params().get(param);
            if (id != null && !id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The kind's name for people: a label beside each entry. */
    public static String kind(TimelineKind kind, Messages messages) {
        return messages.get(switch (kind) {
            case OPENED -> "timeline.kind.opened";
            case ALERT_REPEATED -> "timeline.kind.alert.repeated";
            case ALERT_RECOVERED -> "timeline.kind.alert.recovered";
            case ALERT_NOTE -> "timeline.kind.alert.note";
            case STATUS_CHANGED -> "timeline.kind.status.changed";
            case SEVERITY_CHANGED -> "timeline.kind.severity.changed";
            case COMMANDER_CHANGED -> "timeline.kind.commander.changed";
            case STATUS_UPDATE -> "timeline.kind.status.update";
            case PINNED_MESSAGE -> "timeline.kind.pinned.message";
            case NOTE -> "timeline.kind.note";
            case POSTMORTEM_CHANGED -> "timeline.kind.postmortem";
            case SOURCE_MESSAGE -> "decl.timeline.kind.source";
            case POSTMORTEM_NOT_NEEDED -> "pmp.timeline.kind";
            case ROLE_CHANGED -> "roles.timeline.kind";
            case GUIDE_STEP -> "guide.timeline.kind";
        });
    }

    /** What Hikeshi says about the entry, from its kind and parameters. */
    private static Text sentence(TimelineEntry e, Names names) {
        Map<String, String> p = e.params();
        String actor = names.of(e.actor());
        String variant = p.getOrDefault(VARIANT, "");
        return switch (e.kind()) {
            case OPENED -> BY_ALERT.equals(variant)
                    ? Text.of("timeline.opened.by.alert", actor, p.get(ALERT), p.get(STATE))
                    : Text.of("timeline.opened.declared", actor);
            case ALERT_REPEATED -> switch (variant) {
                case LATE -> Text.of("timeline.alert.late");
                case REFIRED -> Text.of("timeline.alert.refired");
                case GROUPED -> Text.of("timeline.alert.grouped", p.get(ALERT));
                default -> Text.of("timeline.alert.again");
            };
            case ALERT_RECOVERED -> {
                if (ALREADY_RECOVERED.equals(variant)) {
                    yield Text.of("timeline.alert.already.recovered", p.get(STATE));
                }
                yield p.containsKey(STATUS)
                        ? Text.of("timeline.alert.recovered.to", p.get(STATE), status(p))
                        : Text.of("timeline.alert.recovered", p.get(STATE));
            }
            case ALERT_NOTE -> switch (variant) {
                case AFTER_CLOSE -> Text.of("timeline.alert.late.after.close", p.get(INCIDENT), p.get(CLOSED_AT));
                case IGNORED -> Text.of("timeline.alert.late.recovery.ignored", p.get(STATE), p.get(NEWER_STATE),
                        p.get(NEWER_AT));
                case ACKNOWLEDGED -> Text.of("timeline.alert.acknowledged.already", actor, status(p));
                case MISSING -> Text.of("timeline.alert.missing", actor, p.get(FIELDS));
                default -> Text.of("timeline.alert.state", p.get(STATE));
            };
            case STATUS_CHANGED -> BY_ALERT.equals(variant) ? Text.of("timeline.alert.acknowledged", actor)
                    : REOPENED.equals(variant) ? Text.of("timeline.reopened", status(p))
                    : Text.of("timeline.status", status(p));
            case SEVERITY_CHANGED -> Text.of("timeline.severity", p.get(FROM), p.get(TO));
            case COMMANDER_CHANGED -> Text.of("timeline.commander", names.of(p.get(COMMANDER)));
            case STATUS_UPDATE, PINNED_MESSAGE, NOTE -> asWritten(e); // their words are their text: see text()
            case POSTMORTEM_CHANGED -> postmortemChanged(p, names);
            case SOURCE_MESSAGE -> Text.of("decl.timeline.source", p.get(CHANNEL));
            case POSTMORTEM_NOT_NEEDED -> switch (variant) {
                case BY_POLICY -> Text.of("pmp.timeline.none.by.policy", p.get(SEVERITY));
                case NEEDED_AGAIN -> Text.of("pmp.timeline.needed.again", names.of(e.actor()));
                default -> Text.of("pmp.timeline.not.needed", names.of(e.actor()));
            };
            case ROLE_CHANGED -> Text.of("roles.timeline.assigned", names.of(p.get(USER)), Roles.words(p.get(ROLE)));
            case GUIDE_STEP -> Text.of(TICKED.equals(variant) ? "guide.timeline.ticked" : "guide.timeline.unticked",
                    actor, p.get(STEP));
        };
    }

    private static Text postmortemChanged(Map<String, String> p, Names names) {
        return switch (p.getOrDefault(VARIANT, "")) {
            case ACTION_ADDED -> Text.of("timeline.pm.action.added");
            case ACTION_EDITED -> Text.of("timeline.pm.action.edited");
            case ACTION_ASSIGNED -> p.containsKey(OWNER) ? Text.of("timeline.pm.action.assigned", names.of(p.get(OWNER)))
                    : Text.of("timeline.pm.action.unassigned");
            case ACTION_DUE -> p.containsKey(DUE) ? Text.of("timeline.pm.action.due", p.get(DUE))
                    : Text.of("timeline.pm.action.due.cleared");
            case ACTION_DONE -> Text.of("timeline.pm.action.done");
            case ACTION_REOPENED -> Text.of("timeline.pm.action.reopened");
            case ACTION_DELETED -> Text.of("timeline.pm.action.deleted");
            default -> Text.of("timeline.pm.owner", names.of(p.get(OWNER)));
        };
    }

    private static Text asWritten(TimelineEntry entry) {
        return Text.of("timeline.as.written", entry.text());
    }

    /** A status parameter in words ({@code status.mitigated}); an unknown one as stored. */
    private static Object status(Map<String, String> params) {
        String stored = params.getOrDefault(STATUS, "");
        try {
            return Status.parse(stored).text();
        } catch (IllegalArgumentException unknown) {
            return stored.toLowerCase(Locale.ROOT);
        }
    }
}
