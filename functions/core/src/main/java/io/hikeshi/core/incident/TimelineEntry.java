package io.hikeshi.core.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an incident's append-only timeline: what happened, kept as data and put into words
 * only when someone reads it, in their language ({@link TimelineText}).
 *
 * @param entryId    unique within the incident; derived from the delivery id where there is one,
 *                   so a redelivered event maps to the same entry
 * @param at         when it happened (not when it was stored): late deliveries land in their place
 * @param actor      who or what did it, e.g. {@code cloudwatch} or a Slack user id
 * @param params     the kind's parameters, the facts its sentence is made of (a status, two severities,
 *                   an alert's name and state); written by {@link TimelineText}'s factories, never words.
 *                   Empty when the entry is only {@code text}: a note, a pinned message, or an entry
 *                   stored before entries had parameters
 * @param text       only what a person or a monitor wrote: a note, a status update's summary, a pinned
 *                   message, a declaration's description, an alert's summary; never words of Hikeshi's
 *                   own, except in entries stored before entries had parameters (an English sentence)
 * @param attributes what came with it and is kept for the record, not read aloud: an alert's details
 *                   and links, a pinned message's permalink
 */
public record TimelineEntry(IncidentId incidentId, String entryId, Instant at, TimelineKind kind,
                            String actor, Map<String, String> params, String text, Map<String, String> attributes) {

    public TimelineEntry {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        actor = actor == null ? "" : actor;
        params = params == null ? Map.of() : Map.copyOf(params);
        text = text == null ? "" : text;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An entry that is only what someone wrote (a note, a pinned message), or one stored before entries had parameters. */
    public TimelineEntry(IncidentId incidentId, String entryId, Instant at, TimelineKind kind, String actor, String text,
                         Map<String, String> attributes) {
        this(incidentId, entryId, at, kind, actor, Map.of(), text, attributes);
    }
}
