package io.hikeshi.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.ingest.InvalidEventException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads fields of outside JSON; every refusal names the field's path and what was wrong. */
public final class JsonFields {

    private JsonFields() { }

    public static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(path + " is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEventException(path + " must be a non-empty string, was " + kind(value));
        }
        return value.asText();
    }

    /** A string field that may be absent; present but of another type is still an error. */
    public static String optionalText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(path + " must be a string, was " + kind(value));
        }
        return value.asText().isBlank() ? null : value.asText();
    }

    public static JsonNode object(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(path + " is missing");
        }
        if (!value.isObject()) {
            throw new InvalidEventException(path + " must be an object, was " + kind(value));
        }
        return value;
    }

    public static JsonNode optionalObject(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (!value.isObject()) {
            throw new InvalidEventException(path + " must be an object, was " + kind(value));
        }
        return value;
    }

    public static JsonNode array(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(path + " is missing");
        }
        if (!value.isArray()) {
            throw new InvalidEventException(path + " must be an array, was " + kind(value));
        }
        return value;
    }

    /** An ISO-8601 time with an offset ({@code 2026-11-24T03:12:45Z}, {@code +09:00} …), or null when absent. */
    public static Instant optionalTime(JsonNode node, String field, String path) {
        String text = optionalText(node, field, path);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(path + " '" + text + "' is not an ISO-8601 time like 2026-11-24T03:12:45Z");
        }
    }

    /** The first value that is not null or blank, or null. */
    public static String firstPresent(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }

    /** Adds {@code value} under {@code key} unless it is null or blank (optional details of an alert). */
    public static void putPresent(java.util.Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    public static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        return io.hikeshi.core.Characters.clip(text, max);
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
