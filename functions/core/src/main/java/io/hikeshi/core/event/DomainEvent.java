package io.hikeshi.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to an incident, derived from a committed write: it is stored in the same
 * transaction as the change (the outbox), then relayed to the event bus. Consumers may receive an
 * event more than once and must be idempotent by {@link #id()}.
 *
 * @param id         unique, stable across redeliveries
 * @param type       what happened
 * @param incident   the incident, e.g. {@code INC-0042}
 * @param attributes what a consumer needs without reading the store: severity, status, service,
 *                   title, actor, summary … (strings)
 */
public record DomainEvent(String id, Type type, String incident, Instant at, Map<String, String> attributes) {

    /** The event types; their names are the EventBridge {@code detail-type}s (see template.yaml). */
    public enum Type {
        INCIDENT_OPENED("Incident Opened"),
        INCIDENT_ACKNOWLEDGED("Incident Acknowledged"),
        STATUS_CHANGED("Incident Status Changed"),
        SEVERITY_CHANGED("Incident Severity Changed"),
        COMMANDER_CHANGED("Incident Commander Changed"),
        STATUS_UPDATE_POSTED("Incident Status Update Posted"),
        INCIDENT_RESOLVED("Incident Resolved"),
        TIMELINE_ENTRY_ADDED("Incident Timeline Entry Added"),
        /** Someone now fills a role besides the commander (attributes {@code role}, {@code user}). */
        ROLE_CHANGED("Incident Role Changed");

        private final String detailType;

        Type(String detailType) {
            this.detailType = detailType;
        }

        public String detailType() {
            return detailType;
        }

        public static Type fromDetailType(String detailType) {
            for (Type t : values()) {
                if (t.detailType.equals(detailType)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown event type '" + detailType + "'");
        }
    }

    /** EventBridge {@code source} of every Hikeshi event. */
    public static final String SOURCE = "hikeshi.incidents";

    public DomainEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(at, "at");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }
}
