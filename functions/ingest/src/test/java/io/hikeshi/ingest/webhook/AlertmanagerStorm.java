package io.hikeshi.ingest.webhook;

import java.nio.charset.StandardCharsets;

/** Alertmanager bodies for a storm: alert {@code n} of group {@code g}, each a distinct body. */
final class AlertmanagerStorm {

    private AlertmanagerStorm() { }

    static byte[] body(int group, int n) {
        String groupKey = "{}:{alertname=\\\"NodeDown\\\",zone=\\\"zone-" + group + "\\\"}";
        return ("""
                {"version":"4","groupKey":"%s","truncatedAlerts":0,"status":"firing","receiver":"hikeshi",
                 "groupLabels":{"alertname":"NodeDown","zone":"zone-%d"},
                 "commonLabels":{"alertname":"NodeDown","zone":"zone-%d","severity":"critical","service":"fleet-telemetry"},
                 "commonAnnotations":{"summary":"Scooter telemetry gateways down in zone-%d"},
                 "externalURL":"http://alertmanager.internal:9093",
                 "alerts":[{"status":"firing","labels":{"alertname":"NodeDown","instance":"gw-%d:9100"},
                   "annotations":{},"startsAt":"2026-11-24T03:%02d:%02d.000Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus.internal:9090/graph","fingerprint":"%016x"}]}
                """).formatted(groupKey, group, group, group, n, n / 60 % 60, n % 60, n).getBytes(StandardCharsets.UTF_8);
    }
}
