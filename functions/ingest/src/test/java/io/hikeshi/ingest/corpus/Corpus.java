package io.hikeshi.ingest.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.TimelineEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The corpus: each real payload (under {@code corpus/<monitor>/}, provenance in corpus/SOURCES.md), or a
 * variant derived from one where no public sample shows the case (a storm of thousands of alerts, a
 * long key), with what it must do. Each case is delivered at a moment near its payload's own dates.
 */
final class Corpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() { }

    /** What a case must leave behind: the last delivery's outcome and the incident it concerns. */
    record Expect(String outcome, String title, String service, Severity severity, String summary,
                  String missingNote, Map<String, String> details) { }

    /** One body sent. */
    record Delivery(byte[] body) { }

    /** A further check of the incident and its timeline, for what a table row cannot say. */
    interface Check {
        void check(Incident incident, List<TimelineEntry> timeline);
    }

    record Case(String name, String source, String integration, Instant deliveredAt, List<Delivery> deliveries,
                Expect expect, Check extra) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                // ---- Prometheus Alertmanager ----
                new Case("alertmanager/alertmonitor-icmp-firing", "matjaz99/alertmonitor", "alertmanager",
                        Instant.parse("2019-09-27T16:28:30Z"), List.of(file("alertmanager/alertmonitor-icmp-firing.json")),
                        new Expect("OPENED", "ICMP ping failed", "blackbox-icmp", Severity.SEV2,
                                "172.29.254.30 does not reply to ICMP pings (+2)", "", Map.of("alerts", "3")), none()),
                new Case("alertmanager/alertmonitor-icmp-resolved", "matjaz99/alertmonitor", "alertmanager",
                        Instant.parse("2019-09-27T16:28:30Z"), List.of(file("alertmanager/alertmonitor-icmp-firing.json"),
                                file("alertmanager/alertmonitor-icmp-resolved.json")),
                        new Expect("RECOVERED", "ICMP ping failed", "blackbox-icmp", Severity.SEV2,
                                "172.29.254.30 does not reply to ICMP pings (+2)", "", Map.of()),
                        (incident, timeline) -> assertTrue(incident.mitigatedAt() != null, "the group's recovery mitigates")),
                new Case("alertmanager/alertmanager-bot-firing-message", "metalmatze/alertmanager-bot", "alertmanager",
                        Instant.parse("2018-11-04T21:44:30Z"), List.of(file("alertmanager/alertmanager-bot-firing-message.json")),
                        new Expect("OPENED", "Fire", "unassigned", Severity.SEV1, "Something is on fire", "", Map.of()),
                        none()),
                new Case("alertmanager/alertmanager-bot-firing-message, sent 3 days late", "metalmatze/alertmanager-bot, "
                        + "delivered after a silence expired", "alertmanager", Instant.parse("2018-11-07T21:44:30Z"),
                        List.of(file("alertmanager/alertmanager-bot-firing-message.json")),
                        new Expect("OPENED", "Fire", "unassigned", Severity.SEV1, "Something is on fire", "", Map.of()),
                        (incident, timeline) -> {
                            assertEquals(Instant.parse("2018-11-07T21:44:30Z"), incident.detectedAt(),
                                    "detected when Hikeshi was told, so time-to-acknowledge counts from then");
                            assertEquals(Instant.parse("2018-11-04T21:43:58.283Z"), timeline.get(0).at(),
                                    "the monitor's own start is kept on the timeline (stored to the millisecond)");
                        }),
                new Case("alertmanager/storm-3000-alerts (derived)", "matjaz99/alertmonitor, alert repeated", "alertmanager",
                        Instant.parse("2019-09-27T16:28:30Z"), List.of(storm(3000)),
                        new Expect("OPENED", "ICMP ping failed", "blackbox-icmp", Severity.SEV2,
                                "172.29.254.30 does not reply to ICMP pings (+2999)", "", Map.of("alerts", "3000")),
                        (incident, timeline) -> assertEquals(10, timeline.get(0).attributes().get("sample").lines().count(),
                                "a bounded sample of the alerts is kept")),
                new Case("alertmanager/max-alerts-truncated (derived)", "matjaz99/alertmonitor, truncatedAlerts 4997",
                        "alertmanager", Instant.parse("2019-09-27T16:28:30Z"),
                        List.of(edited("alertmanager/alertmonitor-icmp-firing.json", b -> b.put("truncatedAlerts", 4997))),
                        new Expect("OPENED", "ICMP ping failed", "blackbox-icmp", Severity.SEV2,
                                "172.29.254.30 does not reply to ICMP pings (+2)", "",
                                Map.of("alerts", "5000", "truncatedAlerts", "4997")), none()),
                new Case("alertmanager/long-group-key (derived)", "matjaz99/alertmonitor, groupKey of 40 labels",
                        "alertmanager", Instant.parse("2019-09-27T16:28:30Z"),
                        List.of(edited("alertmanager/alertmonitor-icmp-firing.json", Corpus::longGroupKey),
                                edited("alertmanager/alertmonitor-icmp-resolved.json", Corpus::longGroupKey)),
                        new Expect("RECOVERED", "ICMP ping failed", "blackbox-icmp", Severity.SEV2,
                                "172.29.254.30 does not reply to ICMP pings (+2)", "", Map.of()),
                        (incident, timeline) -> CorpusTest.assertHashedKeyKeepsTheOriginal(incident, timeline, "alertmanager")),

                // ---- Grafana alerting ----
                new Case("grafana/grafana-docs-webhook-firing", "grafana/grafana docs", "grafana",
                        Instant.parse("2021-10-12T07:56:30Z"), List.of(file("grafana/grafana-docs-webhook-firing.json")),
                        new Expect("OPENED", "High memory usage, High CPU usage", "unassigned", Severity.SEV3,
                                "This alert was triggered for zone us-1 (+1)", "", Map.of("alerts", "2")), none()),
                new Case("grafana/grafana-alerting-custom-message", "grafana/alerting webhook_test.go", "grafana",
                        Instant.parse("2025-06-02T09:00:00Z"), List.of(file("grafana/grafana-alerting-custom-message.json")),
                        new Expect("OPENED", "alert1", "unassigned", Severity.SEV3, "Custom message", "",
                                Map.of("link:Dashboard", "http://localhost/d/abcd?orgId=1")),
                        (incident, timeline) -> assertEquals(Instant.parse("2025-06-02T09:00:00Z"), incident.detectedAt(),
                                "no start time (Go's zero time): detected when it arrived")),

                // ---- Datadog ----
                new Case("datadog/relay-default-payload-triggered", "relay-integrations/datadog", "datadog",
                        Instant.parse("2020-06-03T20:43:06Z"), List.of(file("datadog/relay-default-payload-triggered.json")),
                        new Expect("OPENED", "Host Cluster Alert", "unassigned", Severity.SEV3, DATADOG_TEXT,
                                "datadog sent this alert without alert_transition, alert_id: opened with what it had",
                                Map.of("monitor", "18692904")), none()),
                new Case("datadog/relay-default-payload-recovered (derived)", "relay-integrations/datadog, title [Recovered]",
                        "datadog", Instant.parse("2020-06-03T20:43:06Z"),
                        List.of(file("datadog/relay-default-payload-triggered.json"), edited(
                                "datadog/relay-default-payload-triggered.json", b -> b.put("title", "[Recovered] [TEST] Host Cluster Alert")
                                        .put("date", "1591217285000").put("id", "5485379890863845240"))),
                        new Expect("RECOVERED", "Host Cluster Alert", "unassigned", Severity.SEV3, DATADOG_TEXT,
                                "datadog sent this alert without alert_transition, alert_id: opened with what it had",
                                Map.of()), none()),
                new Case("datadog/ilert-template-triggered", "DataDog/integrations-extras ilert", "datadog",
                        Instant.parse("2020-06-03T20:43:06Z"), List.of(file("datadog/ilert-template-triggered.json")),
                        new Expect("OPENED", "Host Cluster Alert", "unassigned", Severity.SEV3, DATADOG_TEXT, "",
                                Map.of("monitor", "18692904")),
                        (incident, timeline) -> assertEquals("datadog:18692904", incident.alertKey())),
                new Case("datadog/long-scope (derived)", "DataDog/integrations-extras ilert, alert_scope of 150 tags",
                        "datadog", Instant.parse("2020-06-03T20:43:06Z"),
                        List.of(edited("datadog/ilert-template-triggered.json", b -> b.put("alert_scope", manyTags(150)))),
                        new Expect("OPENED", "Host Cluster Alert", "unassigned", Severity.SEV3, DATADOG_TEXT, "", Map.of()),
                        (incident, timeline) -> CorpusTest.assertHashedKeyKeepsTheOriginal(incident, timeline, "datadog")),

                // ---- CloudWatch alarms via EventBridge ----
                new Case("cloudwatch/aws-docs-single-metric-alarm", "AWS CloudWatch User Guide", "cloudwatch",
                        Instant.parse("2019-10-02T17:04:41Z"), List.of(file("cloudwatch/aws-docs-single-metric-alarm.json")),
                        new Expect("OPENED", "ServerCpuTooHigh", "unassigned", Severity.SEV3, CPU_REASON, "", Map.of()),
                        none()),
                new Case("cloudwatch/aws-docs-metric-math-alarm", "AWS CloudWatch User Guide", "cloudwatch",
                        Instant.parse("2019-10-02T17:20:49Z"), List.of(file("cloudwatch/aws-docs-metric-math-alarm.json")),
                        new Expect("OPENED", "TotalNetworkTrafficTooHigh", "unassigned", Severity.SEV3,
                                "Threshold Crossed: 1 out of the last 1 datapoints [45628.0 (02/10/19 17:10:00)] was greater than"
                                        + " the threshold (10000.0) (minimum 1 datapoint for OK -> ALARM transition).", "",
                                Map.of("alarmType", "metric-math")), none()),
                severityTag("critical", Severity.SEV1, ""),
                severityTag("P1", Severity.SEV1, ""),
                severityTag("warning", Severity.SEV3, ""),
                severityTag("urgent", Severity.SEV3,
                        "cloudwatch sent this alert without alarmTags.severity (urgent): opened with what it had"));
    }

    private static final String DATADOG_TEXT = "@webhook-relay-test\n@webhook-relay-prod-demo\n@webhook-relay\n\n"
            + "Test notification triggered by kenaz@puppet.com.\n\n\n\nThe monitor was last triggered at Wed Jun 03 2020"
            + " 20:43:04 UTC.\n\n- - -\n\n[[Monitor Status](https://app.datadoghq.com/monitors#18692904?)] · [[Edit Monitor]"
            + "(https://app.datadoghq.com/monitors#18692904/edit)]";
    private static final String CPU_REASON = "Threshold Crossed: 1 out of the last 1 datapoints [99.50160229693434 (02/10/19"
            + " 16:59:00)] was greater than the threshold (50.0) (minimum 1 datapoint for OK -> ALARM transition).";

    /** The AWS docs' alarm, tagged with a severity word as teams tag alarms. */
    private static Case severityTag(String word, Severity expected, String missingNote) {
        return new Case("cloudwatch/severity-tag-" + word + " (derived)", "AWS CloudWatch User Guide, alarmTags.severity="
                + word, "cloudwatch", Instant.parse("2019-10-02T17:04:41Z"),
                List.of(edited("cloudwatch/aws-docs-single-metric-alarm.json", e -> ((ObjectNode) e.get("detail"))
                        .putObject("alarmTags").put("severity", word))),
                new Expect("OPENED", "ServerCpuTooHigh", "unassigned", expected, CPU_REASON, missingNote, Map.of()), none());
    }

    private static Check none() {
        return (incident, timeline) -> { };
    }

    static Delivery file(String path) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus payload " + path);
            }
            return new Delivery(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Delivery edited(String path, Consumer<ObjectNode> edit) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(file(path).body());
            edit.accept(body);
            return new Delivery(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The firing group grown to {@code size} alerts, one per instance, as a storm of a whole fleet sends it. */
    static Delivery storm(int size) {
        return edited("alertmanager/alertmonitor-icmp-firing.json", body -> {
            ArrayNode alerts = (ArrayNode) body.get("alerts");
            ObjectNode template = (ObjectNode) alerts.get(2);
            for (int i = alerts.size(); i < size; i++) {
                ObjectNode alert = template.deepCopy();
                String ip = "172.29." + (i / 250) + "." + (i % 250);
                ((ObjectNode) alert.get("labels")).put("instance", ip).put("summary", "No physical connection to " + ip);
                ((ObjectNode) alert.get("annotations")).put("description", ip + " does not reply to ICMP pings");
                alerts.add(alert);
            }
        });
    }

    /** A group key as Alertmanager writes it for a route grouping by many labels: well over DynamoDB's key limits. */
    private static void longGroupKey(ObjectNode body) {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            labels.append(i == 0 ? "" : ", ").append("label_").append(i).append("=\"").append("value-".repeat(12)).append(i).append('"');
        }
        body.put("groupKey", "{}/{severity=~\"^(?:critical|major)$\"}:{" + labels + "}");
    }

    private static String manyTags(int count) {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < count; i++) {
            tags.append(i == 0 ? "" : ",").append("kube_deployment:scooter-fleet-service-").append(i);
        }
        return tags.toString();
    }
}
