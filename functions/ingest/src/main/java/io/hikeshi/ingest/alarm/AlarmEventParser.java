package io.hikeshi.ingest.alarm;

import static io.hikeshi.ingest.json.JsonFields.putPresent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.ingest.InvalidEventException;
import io.hikeshi.ingest.SeverityWords;
import io.hikeshi.ingest.json.JsonFields;
import io.hikeshi.ingest.json.JsonTree;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an EventBridge "CloudWatch Alarm State Change" event into an {@link Alert}. Metric,
 * metric-math, anomaly-detection and composite alarms share the fields used here; anything else
 * in the event is ignored. A missing or mistyped field is refused with its JSON path named. Stateless: one
 * parser serves every thread.
 */
public final class AlarmEventParser {

    public static final String DETAIL_TYPE = "CloudWatch Alarm State Change";
    public static final String SOURCE = "aws.cloudwatch";
    public static final int MAX_EVENT_BYTES = 256 * 1024;
    private static final int MAX_SUMMARY = 1000;

    /** CloudWatch writes state timestamps as {@code 2026-11-24T03:12:45.123+0000} (no colon in the offset). */
    private static final DateTimeFormatter STATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    /** An alert with the EventBridge event id that identifies this delivery. */
    public record Delivery(String eventId, Alert alert) { }

    public Delivery parse(byte[] body) {
        if (body.length > MAX_EVENT_BYTES) {
            throw new InvalidEventException("event is " + body.length + " bytes; the limit is " + MAX_EVENT_BYTES);
        }
        JsonNode event;
        try {
            event = JsonTree.read(body); // no ObjectMapper: the alarm function's cold start (JsonTree says why)
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("event is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("event could not be read: " + e.getMessage(), e);
        }
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("event must be a JSON object");
        }
        return parse(event);
    }

    public Delivery parse(JsonNode event) {
        requireEquals(event, "source", SOURCE);
        requireEquals(event, "detail-type", DETAIL_TYPE);
        String eventId = text(event, "id");
        JsonNode detail = object(event, "detail", "detail");
        String alarmName = text(detail, "alarmName", "detail.alarmName");
        JsonNode state = object(detail, "state", "detail.state");
        String value = text(state, "value", "detail.state.value");
        Instant at = stateTime(text(state, "timestamp", "detail.state.timestamp"));

        String region = optional(event, "region");
        String account = optional(event, "account");
        String arn = alarmArn(event, region, account, alarmName);
        JsonNode tags = detail.path("alarmTags");
        String severityWord = tag(tags, "severity");
        Severity severity = SeverityWords.parse(severityWord);
        // A tag typo must not lose the alarm: routing decides, and the timeline says which word was not known.
        List<String> unknown = severityWord != null && severity == null
                ? List.of("alarmTags.severity (" + severityWord + ")") : List.of();
        Alert alert = new Alert("cloudwatch", arn, alarmName, signal(value), value, at,
                clip(optional(state, "reason")), tag(tags, "service"), severity,
                // CloudWatch tells at the state change (EventBridge delivers within seconds): detected then.
                details(event, detail, arn, region, account), unknown, at);
        return new Delivery(eventId, alert);
    }

    private static Signal signal(String value) {
        return switch (value) {
            case "ALARM" -> Signal.TRIGGER;
            case "OK" -> Signal.RESOLVE;
            default -> Signal.NOTE; // INSUFFICIENT_DATA, or a state CloudWatch adds later: recorded, never opens
        };
    }

    private static Instant stateTime(String text) {
        try {
            return OffsetDateTime.parse(text, STATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("detail.state.timestamp '" + text
                    + "' is not a timestamp like 2026-11-24T03:12:45.123+0000");
        }
    }

    private static String alarmArn(JsonNode event, String region, String account, String alarmName) {
        JsonNode resources = event.path("resources");
        if (resources.isArray() && !resources.isEmpty() && resources.get(0).isTextual()) {
            return resources.get(0).asText();
        }
        if (region == null || account == null) {
            throw new InvalidEventException("resources[0] (the alarm ARN) is missing, and region/account to build it are too");
        }
        return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + alarmName;
    }

    private static Map<String, String> details(JsonNode event, JsonNode detail, String arn, String region,
                                               String account) {
        Map<String, String> details = new LinkedHashMap<>();
        JsonNode config = detail.path("configuration");
        details.put("alarmArn", arn);
        putPresent(details, "region", region);
        putPresent(details, "account", account);
        putPresent(details, "description", config.path("description").asText(null));
        putPresent(details, "alarmRule", config.path("alarmRule").asText(null));
        details.put("alarmType", alarmType(config));
        putPresent(details, "previousState", detail.path("previousState").path("value").asText(null));
        putPresent(details, "actionsSuppressedBy", detail.path("state").path("actionsSuppressedBy").asText(null));
        if (region != null) {
            details.put("console", "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                    + "#alarmsV2:alarm/" + java.net.URLEncoder.encode(detail.path("alarmName").asText(),
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return details;
    }

    private static String alarmType(JsonNode config) {
        if (config.has("alarmRule")) {
            return "composite";
        }
        JsonNode metrics = config.path("metrics");
        boolean expression = false;
        for (JsonNode m : metrics) {
            String e = m.path("expression").asText("");
            if (e.contains("ANOMALY_DETECTION_BAND")) {
                return "anomaly-detection";
            }
            expression |= !e.isEmpty();
        }
        return expression ? "metric-math" : "metric";
    }

    /**
     * The alarm's tag {@code hikeshi:<name>}, else {@code <name>}, whatever the case of its key ({@code Severity} is
     * as common as {@code severity}). CloudWatch sends the tags as one object of keys and values when the alarm
     * propagates them (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-tags-in-notifications.html).
     */
    private static String tag(JsonNode tags, String name) {
        String value = tagIgnoringCase(tags, "hikeshi:" + name);
        return value != null ? value : tagIgnoringCase(tags, name);
    }

    private static String tagIgnoringCase(JsonNode tags, String key) {
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
            if (tag.getKey().equalsIgnoreCase(key) && tag.getValue().isValueNode() && !tag.getValue().isNull()) {
                return tag.getValue().asText();
            }
        }
        return null;
    }

    private static void requireEquals(JsonNode node, String field, String expected) {
        String actual = text(node, field);
        if (!expected.equals(actual)) {
            throw new InvalidEventException(field + " is '" + actual + "', expected '" + expected + "'");
        }
    }

    private static String text(JsonNode node, String field) {
        return JsonFields.text(node, field, field);
    }

    private static String text(JsonNode node, String field, String path) {
        return JsonFields.text(node, field, path);
    }

    private static JsonNode object(JsonNode node, String field, String path) {
        return JsonFields.object(node, field, path);
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return io.hikeshi.core.Characters.clip(text, MAX_SUMMARY);
    }
}
