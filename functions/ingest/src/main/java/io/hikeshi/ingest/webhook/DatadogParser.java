package io.hikeshi.ingest.webhook;

import static io.hikeshi.ingest.json.JsonFields.clip;
import static io.hikeshi.ingest.json.JsonFields.firstPresent;
import static io.hikeshi.ingest.json.JsonFields.putPresent;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.ingest.ServiceWords;
import io.hikeshi.ingest.SeverityWords;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Datadog's webhook integration: the payload template Hikeshi documents
 * (events/webhook-datadog-payload-template.json), Datadog's default payload, and anything between.
 * One incident per monitor and scope: the key is the monitor id plus the sorted alert scope, so a
 * multi-alert monitor opens one incident per group; Re-Triggered / Renotify / Re-Warn count on it.
 *
 * <p>Datadog does not retry a 4xx, so a refused alert is a lost alert: once the request is
 * authenticated, a missing field is never a refusal. What the payload lacks is read from what it has
 * (the transition and scope from Datadog's title, the monitor from its links) and listed as missing,
 * for the timeline. Datadog cannot sign requests: authenticate with a bearer token in a custom header.
 */
final class DatadogParser implements WebhookParser {

    /** {@code [Triggered on {region:x,service:y}]}, {@code [Recovered]}, {@code [P1]} … at the head of a title. */
    private static final Pattern TITLE_TAGS = Pattern.compile("^(\\s*\\[[^\\]]*\\])+");
    private static final Pattern TRANSITION_TAG = Pattern.compile(
            "\\[((?:Re-)?Triggered|Recovered|(?:Re-)?Warn|No Data|Renotify)(?: on \\{([^}]*)\\})?\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONITOR_LINK = Pattern.compile("/monitors[/#](\\d+)");

    @Override
    public List<Alert> parse(Integration integration, JsonNode body, Instant receivedAt) {
        List<String> missing = new ArrayList<>();
        String rawTitle = field(body, "alert_title", "title");
        Matcher tag = rawTitle == null ? null : TRANSITION_TAG.matcher(rawTitle);
        boolean tagged = tag != null && tag.find();
        String transition = orNoted(field(body, "transition", "alert_transition"), "alert_transition", missing,
                tagged ? tag.group(1) : null);
        String scope = normalisedScope(firstPresent(field(body, "alert_scope"), tagged ? tag.group(2) : null));
        String title = firstPresent(rawTitle == null ? null : TITLE_TAGS.matcher(rawTitle).replaceFirst("").strip(),
                rawTitle);
        String monitor = orNoted(field(body, "alert_id"), "alert_id", missing, monitorFromLinks(body));
        Map<String, String> tags = tags(field(body, "tags"));
        String severityWord = firstPresent(tags.get("severity"), field(body, "alert_priority"));
        Severity severity = SeverityWords.parse(severityWord);
        if (severityWord != null && severity == null) {
            missing.add("severity (" + severityWord + ")");
        }
        if (title == null) {
            missing.add("title");
        }
        String serviceWord = firstPresent(field(body, "service"), tags.get("service"));
        if (ServiceWords.unknown(serviceWord)) { // routing decides; the timeline keeps the tag as it came
            missing.add("service (" + serviceWord + ")");
        }
        String key = identity(monitor, scope, title, field(body, "id"));
        return List.of(new Alert(integration.name(), integration.name() + ":" + key,
                clip(firstPresent(title, "Datadog monitor " + firstPresent(monitor, "(unnamed)")), 200),
                transition == null ? Signal.TRIGGER : signal(transition), firstPresent(transition, "Triggered"),
                time(firstPresent(field(body, "date"), field(body, "last_updated")), receivedAt),
                clip(summary(body), 1000), ServiceWords.parse(serviceWord), severity,
                details(body, monitor, scope), missing, receivedAt));
    }

    /**
     * The monitor (and scope) when known; else the title, which Datadog keeps per monitor; else the
     * event itself, which then opens its own incident.
     */
    private static String identity(String monitor, String scope, String title, String eventId) {
        if (monitor != null) {
            return monitor + (scope == null ? "" : ":" + scope);
        }
        if (title != null) {
            return "title:" + title + (scope == null ? "" : ":" + scope);
        }
        return "event:" + (eventId != null ? eventId : UUID.randomUUID().toString());
    }

    private static String orNoted(String value, String name, List<String> missing, String fallback) {
        if (value == null) {
            missing.add(name);
            return fallback;
        }
        return value;
    }

    private static Map<String, String> details(JsonNode body, String monitor, String scope) {
        Map<String, String> details = new LinkedHashMap<>();
        putPresent(details, "monitor", monitor);
        putPresent(details, "scope", scope);
        putPresent(details, "priority", field(body, "alert_priority"));
        putPresent(details, "query", field(body, "alert_query"));
        putPresent(details, "hostname", field(body, "hostname"));
        putPresent(details, "eventType", field(body, "event_type"));
        putPresent(details, "link:Datadog", field(body, "link"));
        return details;
    }

    private static String summary(JsonNode body) {
        String markdown = field(body, "body");
        return firstPresent(field(body, "text_only_msg"), field(body, "alert_status"),
                markdown == null ? null : markdown.replace("%%%", "").strip());
    }

    /** The monitor id from the links Datadog writes into the message ({@code …/monitors/12345678…}). */
    private static String monitorFromLinks(JsonNode body) {
        for (String name : List.of("link", "body", "text_only_msg")) {
            String text = field(body, name);
            Matcher m = text == null ? null : MONITOR_LINK.matcher(text);
            if (m != null && m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /**
     * The first of these fields that has a value. A template variable Datadog could not fill arrives as
     * the literal {@code $NAME}, and a template may send numbers: both are read, never refused.
     */
    private static String field(JsonNode body, String... names) {
        for (String name : names) {
            JsonNode value = body.get(name);
            if (value != null && (value.isTextual() || value.isNumber())) {
                String text = value.asText().strip();
                if (!text.isEmpty() && !text.startsWith("$")) {
                    return text;
                }
            }
        }
        return null;
    }

    /** {@code region:x,service:y} in a stable order, so the same group always has the same key. */
    private static String normalisedScope(String scope) {
        if (scope == null) {
            return null;
        }
        String sorted = Arrays.stream(scope.split(",")).map(String::trim).filter(t -> !t.isEmpty()).sorted()
                .collect(Collectors.joining(","));
        return sorted.isEmpty() ? null : sorted;
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

    /** {@code $DATE} is milliseconds since the epoch; a template may also send ISO-8601. Unreadable: arrival. */
    private static Instant time(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        if (text.matches("\\d{10,13}")) {
            long value = Long.parseLong(text);
            return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return fallback;
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
