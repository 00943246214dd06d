package io.hikeshi.ingest.webhook;

import java.util.Locale;

/** The body formats Hikeshi reads natively. */
public enum WebhookFormat {
    /** Hikeshi's own JSON: trigger / acknowledge / resolve with a dedup key (PagerDuty Events v2 semantics). */
    GENERIC,
    /** Prometheus Alertmanager's webhook_config body (version 4): one incident per group key. */
    ALERTMANAGER,
    /** Grafana alerting's webhook contact point: Alertmanager's shape plus title, message, state. */
    GRAFANA,
    /** Datadog's webhook integration with the payload template in events/webhook-datadog-payload-template.json. */
    DATADOG;

    public static WebhookFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown webhook format '" + text + "' (generic, alertmanager, grafana, datadog)");
        }
    }
}
