package io.hikeshi.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.alert.Alert;
import java.time.Instant;
import java.util.List;

/** Reads one monitor's webhook body into alerts (usually one); refuses bad input naming the field. */
interface WebhookParser {

    List<Alert> parse(Integration integration, JsonNode body, Instant receivedAt);

    static WebhookParser of(WebhookFormat format) {
        return switch (format) {
            case GENERIC -> new GenericParser();
            case ALERTMANAGER -> new AlertmanagerParser(false);
            case GRAFANA -> new AlertmanagerParser(true);
            case DATADOG -> new DatadogParser();
        };
    }
}
