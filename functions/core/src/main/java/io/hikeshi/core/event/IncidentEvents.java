package io.hikeshi.core.event;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.SourceMessage;
import io.hikeshi.core.incident.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Derives domain events from what a change does to an incident, so no caller can forget one. */
public final class IncidentEvents {

    private IncidentEvents() { }

    public static DomainEvent opened(Incident incident, String actor) {
        return event(DomainEvent.Type.INCIDENT_OPENED, incident, actor, incident.detectedAt(), Map.of());
    }

    /** The attributes of "opened" that name the chat message it was declared from (the war room links it). */
    public static final String SOURCE_CHANNEL = "sourceChannel";
    public static final String SOURCE_CHANNEL_SHOWN = "sourceChannelShown";
    public static final String SOURCE_AUTHOR = "sourceAuthor";
    public static final String SOURCE_PERMALINK = "sourcePermalink";

    /** Opened by a person from a chat message ({@code source}; null: from none). */
    public static DomainEvent opened(Incident incident, String actor, SourceMessage source) {
        if (source == null) {
            return opened(incident, actor);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(SOURCE_CHANNEL, source.channel());
        attributes.put(SOURCE_CHANNEL_SHOWN, source.channelShown());
        if (source.author() != null) {
            attributes.put(SOURCE_AUTHOR, source.author());
        }
        if (source.permalink() != null && !source.permalink().isBlank()) {
            attributes.put(SOURCE_PERMALINK, source.permalink());
        }
        return event(DomainEvent.Type.INCIDENT_OPENED, incident, actor, incident.detectedAt(), attributes);
    }

    /** The events between two versions of an incident: status, severity, commander. */
    public static List<DomainEvent> changes(Incident before, Incident after, String actor, Instant at) {
        List<DomainEvent> events = new ArrayList<>();
        if (before.status() != after.status()) {
            Map<String, String> from = Map.of("previousStatus", name(before.status()));
            events.add(event(DomainEvent.Type.STATUS_CHANGED, after, actor, at, from));
            if (after.status() == Status.ACKNOWLEDGED) {
                events.add(event(DomainEvent.Type.INCIDENT_ACKNOWLEDGED, after, actor, at, from));
            }
            if (after.status() == Status.RESOLVED) {
                events.add(event(DomainEvent.Type.INCIDENT_RESOLVED, after, actor, at, from));
            }
        }
        if (before.severity() != after.severity()) {
            events.add(event(DomainEvent.Type.SEVERITY_CHANGED, after, actor, at,
                    Map.of("previousSeverity", before.severity().name())));
        }
        if (after.commander() != null && !after.commander().equals(before.commander())) {
            events.add(event(DomainEvent.Type.COMMANDER_CHANGED, after, actor, at, Map.of()));
        }
        return events;
    }

    /** A resolved incident opened again: its status change, with the reason people gave. */
    public static List<DomainEvent> reopened(Incident before, Incident after, String actor, Instant at, String reason) {
        return changes(before, after, actor, at).stream().map(e -> e.attribute("previousStatus") == null ? e
                : new DomainEvent(e.id(), e.type(), e.incident(), e.at(), with(e.attributes(), "reason", reason))).toList();
    }

    private static Map<String, String> with(Map<String, String> attributes, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(attributes);
        more.put(name, value);
        return more;
    }

    /** The attribute that marks an acknowledgement made by taking command, which the command speaks for. */
    public static final String BY_COMMAND = "byCommand";

    /**
     * The events of taking command: the commander's change and, when it acknowledged a triggered
     * incident, that status change marked {@link #BY_COMMAND}; the commander's event then says
     * {@code acknowledged}, so the war room hears of the two in one line.
     */
    public static List<DomainEvent> commandTaken(Incident before, Incident after, String actor, Instant at) {
        boolean acknowledged = before.status() != after.status();
        return changes(before, after, actor, at).stream().map(e -> switch (e.type()) {
            case STATUS_CHANGED, INCIDENT_ACKNOWLEDGED -> marked(e, BY_COMMAND, "true");
            case COMMANDER_CHANGED -> acknowledged ? marked(e, "acknowledged", "true") : e;
            default -> e;
        }).toList();
    }

    private static DomainEvent marked(DomainEvent e, String attribute, String value) {
        return new DomainEvent(e.id(), e.type(), e.incident(), e.at(), with(e.attributes(), attribute, value));
    }

    /** The attribute that marks a status change made by a status update, which speaks for both. */
    public static final String BY_UPDATE = "byUpdate";

    /**
     * The events of a status update: the update itself (with the status it moved from, when it moved
     * one), and the events of the status change it made, marked {@link #BY_UPDATE}, so that the war
     * room and stakeholders hear of the two once, through the update.
     */
    public static List<DomainEvent> statusUpdate(Incident before, Incident after, String actor, Instant at, String summary) {
        List<DomainEvent> events = new ArrayList<>();
        for (DomainEvent change : changes(before, after, actor, at)) {
            events.add(change.attribute("previousStatus") == null ? change
                    : new DomainEvent(change.id(), change.type(), change.incident(), change.at(),
                            with(change.attributes(), BY_UPDATE, "true")));
        }
        Map<String, String> update = new LinkedHashMap<>();
        update.put("summary", summary);
        if (before.status() != after.status()) {
            update.put("previousStatus", name(before.status()));
        }
        events.add(event(DomainEvent.Type.STATUS_UPDATE_POSTED, after, actor, at, update));
        return events;
    }

    /** The attributes of a role's change: which role, and who fills it now. */
    public static final String ROLE = "role";
    public static final String ROLE_USER = "user";

    /** {@code user} now fills {@code role} on the incident ({@code after}). */
    public static DomainEvent roleChanged(Incident after, String actor, Instant at, String role, String user) {
        return event(DomainEvent.Type.ROLE_CHANGED, after, actor, at, Map.of(ROLE, role, ROLE_USER, user));
    }

    public static DomainEvent timelineEntry(Incident incident, String actor, Instant at, String kind, String text) {
        return event(DomainEvent.Type.TIMELINE_ENTRY_ADDED, incident, actor, at, Map.of("kind", kind, "text", text));
    }

    /**
     * Present ({@code "true"}) on every event of a private incident: its war room is private and stakeholders
     * (broadcast channel, notifications) never hear of it.
     */
    public static final String PRIVATE = "private";

    /** Every event carries the incident's current summary, so consumers need not read the store. */
    private static DomainEvent event(DomainEvent.Type type, Incident incident, String actor, Instant at,
                                     Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("title", incident.title());
        attributes.put("severity", incident.severity().name());
        attributes.put("status", name(incident.status()));
        attributes.put("service", incident.service());
        if (incident.commander() != null) {
            attributes.put("commander", incident.commander());
        }
        if (actor != null) {
            attributes.put("actor", actor);
        }
        if (incident.isPrivate()) {
            attributes.put(PRIVATE, "true");
        }
        attributes.putAll(extra);
        return new DomainEvent(UUID.randomUUID().toString(), type, incident.id().toString(), at, attributes);
    }

    private static String name(Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
