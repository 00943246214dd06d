package io.hikeshi.ingest.webhook;

import static io.hikeshi.ingest.json.JsonFields.firstPresent;
import static io.hikeshi.ingest.json.JsonFields.putPresent;
import static io.hikeshi.ingest.json.JsonFields.clip;
import static io.hikeshi.ingest.json.JsonFields.optionalText;
import static io.hikeshi.ingest.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.ingest.InvalidEventException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Datadog's webhook integration, with the payload template Hikeshi documents
 * (events/webhook-datadog-payload-template.json). One incident per monitor and scope: the dedup key
 * is the monitor id plus the sorted alert scope, so a multi-alert monitor opens one incident per
 * group; Re-Triggered / Renotify / Re-Warn count on it. Datadog cannot sign requests: authenticate
 * with a bearer token in a custom header that references a secret Datadog variable.
 */
final class DatadogParser implements WebhookParser {

    @Override
    public List<Alert> parse(Integration integration, JsonNode body, Instant receivedAt) {
        String monitor = required(body, "alert_id");
        String transition = required(body, "transition");
        String scope = normalisedScope(field(body, "alert_scope"));
        // Datadog prefixes titles with "[P1] [Triggered on {scope}]": the incident keeps the stable part.
        String title = firstPresent(field(body, "alert_title"), required(body, "title")).replaceFirst("^(\\[[^\\]]*\\]\\s*)+", "");
        Map<String, String> tags = tags(field(body, "tags"));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("monitor", monitor);
        putPresent(details, "scope", scope);
        putPresent(details, "priority", field(body, "alert_priority"));
        putPresent(details, "query", field(body, "alert_query"));
        putPresent(details, "hostname", field(body, "hostname"));
        putPresent(details, "link:Datadog", field(body, "link"));
        String key = monitor + (scope == null ? "" : ":" + scope);
        return List.of(new Alert(integration.name(), integration.name() + ":" + key, clip(title, 200),
                signal(transition), transition, time(field(body, "date"), receivedAt),
                clip(firstPresent(field(body, "text_only_msg"), field(body, "alert_status")), 1000),
                firstPresent(field(body, "service"), tags.get("service")),
                SeverityWords.parse(firstPresent(tags.get("severity"), field(body, "alert_priority"))), details));
    }

    /** A template variable Datadog could not fill arrives as the literal {@code $NAME}: treat it as absent. */
    private static String field(JsonNode body, String name) {
        String value = optionalText(body, name, name);
        return value == null || value.startsWith("$") ? null : value;
    }

    private static String required(JsonNode body, String name) {
        String value = field(body, name);
        if (value == null) {
            text(body, name, name); // names the problem: missing or of the wrong type
            throw new InvalidEventException(name + " is an unfilled template variable");
        }
        return value;
    }

    /** {@code region:x,service:y} in a stable order, so the same group always has the same key. */
    private static String normalisedScope(String scope) {
        if (scope == null) {
            return null;
        }
        return java.util.Arrays.stream(scope.split(",")).map(String::trim).filter(t -> !t.isEmpty()).sorted()
                .collect(java.util.stream.Collectors.joining(","));
    }

    static Signal signal(String transition) {
        String t = transition.trim().toLowerCase(Locale.ROOT);
        if (t.contains("recovered")) {
            return Signal.RESOLVE;
        }
        if (t.contains("no data")) {
            return Signal.NOTE;
        }
        if (t.contains("triggered") || t.contains("warn") || t.contains("renotify") || t.contains("alert")) {
            return Signal.TRIGGER;
        }
        return Signal.NOTE;
    }

    /** {@code $DATE} is milliseconds since the epoch; a template may also send ISO-8601. */
    private static Instant time(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        if (text.matches("\\d{10,13}")) {
            long value = Long.parseLong(text);
            return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidEventException("date '" + text + "' must be epoch milliseconds ($DATE) or ISO-8601");
        }
    }

    /** {@code $TAGS} is a comma-separated list such as {@code env:prod,service:payment-api}. */
    private static Map<String, String> tags(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (text != null) {
            for (String tag : text.split(",")) {
                int colon = tag.indexOf(':');
                if (colon > 0) {
                    tags.putIfAbsent(tag.substring(0, colon).trim(), tag.substring(colon + 1).trim());
                }
            }
        }
        return tags;
    }

}
