package io.hikeshi.ingest.webhook;

import static io.hikeshi.ingest.json.JsonFields.clip;
import static io.hikeshi.ingest.json.JsonFields.optionalText;
import static io.hikeshi.ingest.json.JsonFields.optionalTime;
import static io.hikeshi.ingest.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.incident.ServiceName;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.ingest.InvalidEventException;
import io.hikeshi.ingest.ServiceWords;
import io.hikeshi.ingest.SeverityWords;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Hikeshi's generic alert JSON (docs/webhooks.md), with PagerDuty Events v2 semantics: the same
 * dedup key attaches to the open incident, resolve closes it, a trigger after resolution opens a
 * new one. A trigger without a dedup key always opens its own incident.
 */
final class GenericParser implements WebhookParser {

    static final int MAX_KEY = 255;
    static final int MAX_SUMMARY = 1024;
    static final int MAX_DETAILS = 50;

    @Override
    public List<Alert> parse(Integration integration, JsonNode body, Instant receivedAt) {
        String action = text(body, "action", "action").toLowerCase(Locale.ROOT);
        Signal signal = switch (action) {
            case "trigger" -> Signal.TRIGGER;
            case "acknowledge" -> Signal.ACKNOWLEDGE;
            case "resolve" -> Signal.CLOSE;
            default -> throw new InvalidEventException("action '" + action + "' must be trigger, acknowledge or resolve");
        };
        String dedupKey = optionalText(body, "dedupKey", "dedupKey");
        if (dedupKey == null && signal != Signal.TRIGGER) {
            throw new InvalidEventException("dedupKey is missing: " + action + " needs the key its trigger used");
        }
        if (dedupKey != null && dedupKey.length() > MAX_KEY) {
            throw new InvalidEventException("dedupKey is " + dedupKey.length() + " characters; the limit is " + MAX_KEY);
        }
        String summary = signal == Signal.TRIGGER ? text(body, "summary", "summary") : optionalText(body, "summary", "summary");
        if (summary != null && summary.length() > MAX_SUMMARY) {
            throw new InvalidEventException("summary is " + summary.length() + " characters; the limit is " + MAX_SUMMARY);
        }
        String severityText = optionalText(body, "severity", "severity");
        Severity severity = SeverityWords.parse(severityText);
        if (severityText != null && severity == null) {
            throw new InvalidEventException("severity '" + severityText + "' must be SEV1-SEV4 or critical, error, warning, info");
        }
        String serviceText = optionalText(body, "service", "service");
        if (ServiceWords.unknown(serviceText)) {
            throw new InvalidEventException("service '" + clip(serviceText, 80) + "' must be a service name: lower-case"
                    + " letters, digits and '-', at most " + ServiceName.MAX_LENGTH + " characters (e.g. payment-api)");
        }
        Instant at = optionalTime(body, "timestamp", "timestamp");
        String key = dedupKey != null ? dedupKey : "trigger-" + UUID.randomUUID();
        String name = clip(summary != null ? summary : key, 200);
        return List.of(new Alert(integration.name(), integration.name() + ":" + key, name, signal, action,
                at != null ? at : receivedAt, summary, ServiceWords.parse(serviceText), severity,
                details(body), List.of(), receivedAt));
    }

    private static Map<String, String> details(JsonNode body) {
        Map<String, String> details = new LinkedHashMap<>();
        String source = optionalText(body, "source", "source");
        if (source != null) {
            details.put("source", source);
        }
        JsonNode links = body.path("links");
        if (!links.isMissingNode() && !links.isArray()) {
            throw new InvalidEventException("links must be an array of {href, text}");
        }
        int i = 0;
        for (JsonNode link : links) {
            String href = text(link, "href", "links[" + i + "].href");
            if (!href.startsWith("https://") && !href.startsWith("http://")) {
                throw new InvalidEventException("links[" + i + "].href must be an http(s) URL");
            }
            String text = optionalText(link, "text", "links[" + i + "].text");
            details.put("link:" + (text != null ? text : "link " + (i + 1)), href);
            i++;
        }
        JsonNode custom = body.path("details");
        if (!custom.isMissingNode() && !custom.isNull()) {
            if (!custom.isObject()) {
                throw new InvalidEventException("details must be an object");
            }
            if (custom.size() > MAX_DETAILS) {
                throw new InvalidEventException("details has " + custom.size() + " fields; the limit is " + MAX_DETAILS);
            }
            custom.properties().forEach(e -> details.put(e.getKey(),
                    clip(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString(), 1000)));
        }
        return details;
    }
}
