package io.hikeshi.ingest.webhook;

import static io.hikeshi.ingest.json.JsonFields.array;
import static io.hikeshi.ingest.json.JsonFields.clip;
import static io.hikeshi.ingest.json.JsonFields.firstPresent;
import static io.hikeshi.ingest.json.JsonFields.optionalObject;
import static io.hikeshi.ingest.json.JsonFields.optionalText;
import static io.hikeshi.ingest.json.JsonFields.optionalTime;
import static io.hikeshi.ingest.json.JsonFields.putPresent;
import static io.hikeshi.ingest.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.ingest.InvalidEventException;
import io.hikeshi.ingest.ServiceWords;
import io.hikeshi.ingest.SeverityWords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prometheus Alertmanager's webhook body (and Grafana's, which extends it). Alertmanager already
 * groups alerts; Hikeshi keeps its grouping: one incident per group key, so a storm of alerts
 * sharing a group opens one incident. The group fires while any of its alerts fires.
 *
 * <p>A group may hold thousands of alerts: all are counted, a few kept as a sample (the timeline
 * entry is one DynamoDB item, at most 400 KB).
 */
final class AlertmanagerParser implements WebhookParser {

    /** How many of a group's alerts are kept, by their labels, with the timeline entry. */
    static final int SAMPLE_ALERTS = 10;
    private static final int NAMES_IN_TITLE = 3;

    private final boolean grafana;

    AlertmanagerParser(boolean grafana) {
        this.grafana = grafana;
    }

    @Override
    public List<Alert> parse(Integration integration, JsonNode body, Instant receivedAt) {
        String groupKey = text(body, "groupKey", "groupKey");
        String status = text(body, "status", "status");
        Signal signal = switch (status) {
            case "firing" -> Signal.TRIGGER;
            case "resolved" -> Signal.RESOLVE;
            default -> throw new InvalidEventException("status '" + status + "' must be firing or resolved");
        };
        JsonNode alerts = array(body, "alerts", "alerts");
        if (alerts.isEmpty()) {
            throw new InvalidEventException("alerts is empty");
        }
        JsonNode commonLabels = optionalObject(body, "commonLabels", "commonLabels");
        // The monitor's own time orders deliveries; the incident counts from receivedAt (Alertmanager keeps a
        // group's first startsAt, days old once a silence expires).
        Instant at = latest(alerts, signal == Signal.TRIGGER ? "startsAt" : "endsAt", receivedAt);
        String severityWord = commonLabels.path("severity").asText(null);
        Severity severity = SeverityWords.parse(severityWord);
        List<String> missing = new ArrayList<>();
        if (severityWord != null && severity == null) {
            missing.add("severity (" + severityWord + ")");
        }
        String serviceWord = firstPresent(commonLabels.path("service").asText(null), commonLabels.path("job").asText(null), null);
        String service = ServiceWords.parse(serviceWord);
        if (ServiceWords.unknown(serviceWord)) { // routing decides; the timeline keeps the label as it came
            missing.add("service (" + serviceWord + ")");
        }
        return List.of(new Alert(integration.name(), integration.name() + ":" + groupKey,
                clip(name(body, alerts, groupKey), 200), signal, status, at, clip(summary(body, alerts, status), 1000),
                service, severity, details(body, alerts, groupKey), missing, receivedAt));
    }

    /**
     * The group's alert name; a group by other labels (Grafana's default groups by folder) has none, so
     * its alerts' names stand for it. Grafana's own title ({@code [FIRING:2]  (blue)}) is a count and
     * the grouping labels, never a name.
     */
    private static String name(JsonNode body, JsonNode alerts, String groupKey) {
        JsonNode groupLabels = optionalObject(body, "groupLabels", "groupLabels");
        JsonNode commonLabels = optionalObject(body, "commonLabels", "commonLabels");
        return firstPresent(groupLabels.path("alertname").asText(null), commonLabels.path("alertname").asText(null),
                alertNames(alerts), groupKey);
    }

    private static String alertNames(JsonNode alerts) {
        Set<String> names = new LinkedHashSet<>();
        alerts.forEach(a -> putIfText(names, a.path("labels").path("alertname")));
        if (names.isEmpty()) {
            return null;
        }
        List<String> shown = names.stream().limit(NAMES_IN_TITLE).toList();
        int more = names.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? " (+" + more + ")" : "");
    }

    /**
     * What the alerts say, in the order monitors use: the common summary or description (or
     * {@code message}, the annotation older kube-prometheus rules write), then the first alert's; Grafana's
     * whole notification text, markup and all, only when nothing else says anything.
     */
    private String summary(JsonNode body, JsonNode alerts, String status) {
        JsonNode common = optionalObject(body, "commonAnnotations", "commonAnnotations");
        JsonNode first = alerts.get(0).path("annotations");
        String more = alerts.size() > 1 ? " (+" + (alerts.size() - 1) + ")" : "";
        String firstSays = said(first);
        return firstPresent(said(common), firstSays == null ? null : firstSays + more,
                grafana ? optionalText(body, "message", "message") : null,
                total(body, alerts) + " alert(s) " + status);
    }

    private static String said(JsonNode annotations) {
        return firstPresent(annotations.path("summary").asText(null), annotations.path("description").asText(null),
                annotations.path("message").asText(null));
    }

    private Map<String, String> details(JsonNode body, JsonNode alerts, String groupKey) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("groupKey", clip(groupKey, 1000)); // a longer one is kept whole as the original alert key
        details.put("alerts", Integer.toString(total(body, alerts)));
        putPresent(details, "truncatedAlerts", body.path("truncatedAlerts").asInt(0) > 0
                ? body.path("truncatedAlerts").asText() : null);
        putPresent(details, "sample", sample(alerts));
        putPresent(details, "receiver", body.path("receiver").asText(null));
        putPresent(details, "link:Alertmanager", body.path("externalURL").asText(null));
        putPresent(details, "link:Source", alerts.get(0).path("generatorURL").asText(null));
        if (grafana) {
            putPresent(details, "link:Dashboard", alerts.get(0).path("dashboardURL").asText(null));
            putPresent(details, "link:Panel", alerts.get(0).path("panelURL").asText(null));
        }
        return details;
    }

    /** Every alert of the group: those sent, plus those Alertmanager left out under its {@code max_alerts}. */
    private static int total(JsonNode body, JsonNode alerts) {
        return alerts.size() + Math.max(0, body.path("truncatedAlerts").asInt(0));
    }

    /** The first few alerts by their labels, one a line: enough to see what the group is made of. */
    private static String sample(JsonNode alerts) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(SAMPLE_ALERTS, alerts.size()); i++) {
            List<String> labels = new ArrayList<>();
            alerts.get(i).path("labels").properties().forEach(e -> labels.add(e.getKey() + "=" + e.getValue().asText()));
            lines.add(String.join(" ", labels));
        }
        return clip(String.join("\n", lines), 2000);
    }

    private static void putIfText(Set<String> names, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            names.add(value.asText());
        }
    }

    /** The newest start (firing) or end (resolved) among the alerts: orders deliveries of the group. */
    private static Instant latest(JsonNode alerts, String field, Instant fallback) {
        Instant latest = null;
        for (int i = 0; i < alerts.size(); i++) {
            Instant t = optionalTime(alerts.get(i), field, "alerts[" + i + "]." + field);
            if (t != null && t.getEpochSecond() > 0 && (latest == null || t.isAfter(latest))) {
                latest = t;
            }
        }
        return latest != null ? latest : fallback;
    }
}
