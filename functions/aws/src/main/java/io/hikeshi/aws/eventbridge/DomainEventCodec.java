package io.hikeshi.aws.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.event.DomainEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A domain event as the JSON {@code detail} of an EventBridge event on Hikeshi's bus:
 * {@code {"id","type","incident","at","attributes":{...}}}. The publisher ({@link EventBridgeEventBus})
 * encodes with it and every consumer (the war room, the postmortem function, a dead-letter redrive)
 * decodes with it, so the two sides cannot drift apart.
 *
 * <p>The table's stream carries the outbox item itself, not this JSON: {@code OutboxStreamRecords}
 * reads that with the table's own item mapping.
 */
public final class DomainEventCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DomainEventCodec() { }

    /** The event's detail; attributes sorted, so the same event always encodes to the same bytes. */
    public static String encode(DomainEvent event) {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("id", event.id());
        detail.put("type", event.type().name());
        detail.put("incident", event.incident());
        detail.put("at", event.at().toString());
        ObjectNode attributes = detail.putObject("attributes");
        new TreeMap<>(event.attributes()).forEach(attributes::put);
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id(), e);
        }
    }

    /**
     * Reads a Hikeshi event back, for consumers (a Lambda, an SQS message of a rule's target). Accepts
     * the detail object itself, the whole EventBridge envelope (an object with a {@code detail} field),
     * or a detail delivered as a JSON string (some transports double-encode it).
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static DomainEvent decode(JsonNode detail) {
        if (detail == null || detail.isNull() || detail.isMissingNode()) {
            throw new IllegalArgumentException("event detail is missing");
        }
        if (detail.isTextual()) {
            try {
                detail = JSON.readTree(detail.textValue());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("event detail is a string but not JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (!detail.isObject()) {
            throw new IllegalArgumentException("event detail must be a JSON object, got " + detail.getNodeType());
        }
        if (!detail.has("id") && detail.path("detail").isObject()) {
            detail = detail.get("detail");
        }
        String id = requiredText(detail, "id");
        DomainEvent.Type type = type(requiredText(detail, "type"));
        String incident = requiredText(detail, "incident");
        Instant at = instant(requiredText(detail, "at"));
        return new DomainEvent(id, type, incident, at, attributes(detail.get("attributes")));
    }

    private static DomainEvent.Type type(String name) {
        try {
            return DomainEvent.Type.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event detail field 'type' has unknown value '" + name + "'", e);
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event detail field 'at' is not an ISO-8601 instant: '" + text + "'", e);
        }
    }

    private static Map<String, String> attributes(JsonNode attrs) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (attrs == null || attrs.isNull()) {
            return attributes;
        }
        if (!attrs.isObject()) {
            throw new IllegalArgumentException("event detail field 'attributes' must be an object, got " + attrs.getNodeType());
        }
        for (Map.Entry<String, JsonNode> field : attrs.properties()) {
            JsonNode value = field.getValue();
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw new IllegalArgumentException("event detail attribute '" + field.getKey() + "' must be a string, got "
                        + value.getNodeType());
            }
            attributes.put(field.getKey(), value.asText());
        }
        return attributes;
    }

    private static String requiredText(JsonNode detail, String field) {
        JsonNode value = detail.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("event detail field '" + field + "' is missing");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("event detail field '" + field + "' must be a non-blank string, got " + value);
        }
        return value.textValue();
    }
}
