package io.hikeshi.ingest.webhook;

import static io.hikeshi.ingest.json.JsonFields.firstPresent;
import static io.hikeshi.ingest.json.JsonFields.putPresent;
import static io.hikeshi.ingest.json.JsonFields.array;
import static io.hikeshi.ingest.json.JsonFields.clip;
import static io.hikeshi.ingest.json.JsonFields.optionalObject;
import static io.hikeshi.ingest.json.JsonFields.optionalText;
import static io.hikeshi.ingest.json.JsonFields.optionalTime;
import static io.hikeshi.ingest.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.ingest.InvalidEventException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus Alertmanager's webhook body (and Grafana's, which extends it). Alertmanager already
 * groups alerts; Hikeshi keeps its grouping: one incident per group key, so a storm of alerts
 * sharing a group opens one incident. The group fires while any of its alerts fires.
 */
final class AlertmanagerParser implements WebhookParser {

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
        JsonNode groupLabels = optionalObject(body, "groupLabels", "groupLabels");
        JsonNode annotations = optionalObject(body, "commonAnnotations", "commonAnnotations");
        Instant at = latest(alerts, signal == Signal.TRIGGER ? "startsAt" : "endsAt", receivedAt);
        String name = firstPresent(groupLabels.path("alertname").asText(null), commonLabels.path("alertname").asText(null),
                grafana ? optionalText(body, "title", "title") : null, groupKey);
        String summary = firstPresent(grafana ? optionalText(body, "message", "message") : null,
                annotations.path("summary").asText(null), annotations.path("description").asText(null),
                alerts.size() + " alert(s) " + status);
        String service = firstPresent(commonLabels.path("service").asText(null), commonLabels.path("job").asText(null), null);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("groupKey", groupKey);
        details.put("alerts", Integer.toString(alerts.size()));
        putPresent(details, "receiver", body.path("receiver").asText(null));
        putPresent(details, "link:Alertmanager", body.path("externalURL").asText(null));
        putPresent(details, "link:Source", alerts.get(0).path("generatorURL").asText(null));
        if (grafana) {
            putPresent(details, "link:Dashboard", alerts.get(0).path("dashboardURL").asText(null));
            putPresent(details, "link:Panel", alerts.get(0).path("panelURL").asText(null));
        }
        return List.of(new Alert(integration.name(), integration.name() + ":" + groupKey, clip(name, 200), signal,
                status, at, clip(summary, 1000), service, SeverityWords.parse(commonLabels.path("severity").asText(null)),
                details));
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
