package io.hikeshi.core.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an incident's append-only timeline.
 *
 * @param entryId unique within the incident; derived from the delivery id where there is one,
 *                so a redelivered event maps to the same entry
 * @param at      when it happened (not when it was stored): late deliveries land in their place
 * @param actor   who or what did it, e.g. {@code cloudwatch} or a Slack user id
 */
public record TimelineEntry(IncidentId incidentId, String entryId, Instant at, TimelineKind kind,
                            String actor, String text, Map<String, String> attributes) {

    public TimelineEntry {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        actor = actor == null ? "" : actor;
        text = text == null ? "" : text;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
