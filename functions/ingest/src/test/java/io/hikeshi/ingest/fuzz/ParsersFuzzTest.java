package io.hikeshi.ingest.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.testkit.Seeds;
import io.hikeshi.ingest.alarm.AlarmEventParser;
import io.hikeshi.ingest.InvalidEventException;
import io.hikeshi.ingest.webhook.WebhookFuzzing;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every parser of outside input, fuzzed: whatever arrives, the answer is a parsed value or a clear
 * InvalidEventException — never another exception, never a hang. In a normal test run these replay
 * their seed inputs (regression mode); bin/fuzz runs each for a bounded time with JAZZER_FUZZ=1.
 *
 * <p>The seeds are the sample events from events/, each known to parse (or, for the malformed one, to
 * be refused): replayed, each must give the alerts its name promises, not merely not crash.
 */
class ParsersFuzzTest {

    private static final AlarmEventParser ALARMS = new AlarmEventParser();

    /**
     * What each seed parses to: per alert its signal, state, name, time (WebhookFuzzing.RECEIVED,
     * 2026-11-24T03:12:45Z, when the body carries none), then severity and service when the alert says.
     * An Alertmanager group is one alert, timed by its latest member; a generic resolve closes.
     */
    private static final Map<String, Map<String, String>> OUTCOMES = Map.of(
            "alarmEvents", Map.of(
                    "alarm-metric-alarm.json", "TRIGGER ALARM payment-api-5xx-rate 2026-11-24T03:12:45.123Z",
                    "alarm-metric-ok.json", "RESOLVE OK payment-api-5xx-rate 2026-11-24T03:41:10.456Z",
                    "alarm-metric-alarm-late.json", "TRIGGER ALARM payment-api-5xx-rate 2026-11-24T03:10:00Z",
                    "alarm-metric-insufficient-data.json", "NOTE INSUFFICIENT_DATA payment-api-5xx-rate 2026-11-24T04:05:00Z",
                    "alarm-metric-math-alarm.json", "TRIGGER ALARM ride-booking-error-ratio 2026-11-24T03:13:30.874Z",
                    "alarm-anomaly-detection-alarm.json", "TRIGGER ALARM unlock-latency-anomaly 2026-11-24T03:22:04.318Z",
                    "alarm-composite-alarm.json", "TRIGGER ALARM checkout-degraded 2026-11-24T03:12:45.391Z",
                    "alarm-malformed-missing-state.json", "refused: detail.state is missing"),
            "genericWebhook", Map.of(
                    "trigger.json", "TRIGGER trigger s 2026-11-24T03:12:45Z SEV1",
                    "resolve.json", "CLOSE resolve k 2026-11-24T03:12:45Z"),
            "alertmanagerWebhook", Map.of(
                    "webhook-alertmanager-firing.json",
                    "TRIGGER firing PaymentApiHighErrorRate 2026-11-18T11:11:15.512Z SEV1 payment-api",
                    "webhook-alertmanager-resolved.json",
                    "RESOLVE resolved PaymentApiHighErrorRate 2026-11-18T11:42:15.512Z SEV1 payment-api"),
            "grafanaWebhook", Map.of(
                    "webhook-grafana-firing.json", "TRIGGER firing RideBookingLatencyHigh 2026-11-18T11:14:30Z SEV3 ride-booking"),
            "datadogWebhook", Map.of(
                    "webhook-datadog-triggered.json", "TRIGGER Triggered Unlock API error ratio above 5% 2026-11-18T11:12:45Z SEV1 unlock",
                    "webhook-datadog-recovered.json", "RESOLVE Recovered Unlock API error ratio above 5% 2026-11-18T11:42:45Z SEV1 unlock"));

    private static final Map<String, Seeds> SEEDS = OUTCOMES.keySet().stream()
            .collect(Collectors.toMap(target -> target, target -> Seeds.of(ParsersFuzzTest.class, target)));
    /** The targets that ran in this JVM, and the seeds each held to their outcome. */
    private static final Map<String, Set<String>> HELD = new ConcurrentHashMap<>();

    @FuzzTest(maxDuration = "20s")
    void alarmEvents(byte[] body) {
        String outcome;
        try {
            outcome = describe(List.of(ALARMS.parse(body).alert()));
        } catch (InvalidEventException refused) {
            outcome = "refused: " + refused.getMessage(); // a clear refusal is a correct answer
        }
        holdToItsName("alarmEvents", body, outcome);
    }

    @FuzzTest(maxDuration = "20s")
    void genericWebhook(byte[] body) {
        webhook("genericWebhook", "generic", body);
    }

    @FuzzTest(maxDuration = "20s")
    void alertmanagerWebhook(byte[] body) {
        webhook("alertmanagerWebhook", "alertmanager", body);
    }

    @FuzzTest(maxDuration = "20s")
    void grafanaWebhook(byte[] body) {
        webhook("grafanaWebhook", "grafana", body);
    }

    @FuzzTest(maxDuration = "20s")
    void datadogWebhook(byte[] body) {
        webhook("datadogWebhook", "datadog", body);
    }

    private static void webhook(String target, String format, byte[] body) {
        WebhookFuzzing.Result result = WebhookFuzzing.parse(format, body);
        holdToItsName(target, body, result.refusal() != null ? "refused: " + result.refusal() : describe(result.alerts()));
    }

    @Test
    void everyStatedOutcome_belongsToASeed_andEverySampleSeedHasOne() {
        // GIVEN each target's seed folder, and the outcomes stated for its seeds
        OUTCOMES.forEach((target, outcomes) -> {
            Set<String> seeds = SEEDS.get(target).names();

            // THEN they name the same files, findings kept by bin/fuzz (crash-…) aside
            assertEquals(outcomes.keySet(), seeds.stream().filter(n -> !n.matches("(crash|timeout|oom)-.*"))
                    .collect(Collectors.toSet()), target);
        });
    }

    /** Guards against the outcome checks going quiet: a replay that ran must have met every seed it states. */
    @AfterAll
    static void everySeedReplayed_wasHeldToItsOutcome() {
        if (!System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty()) {
            return; // fuzzing: the run starts from the working corpus, not necessarily from these seeds
        }
        HELD.forEach((target, held) -> assertEquals(OUTCOMES.get(target).keySet(), held, "seeds of " + target + " checked"));
    }

    private static void holdToItsName(String target, byte[] input, String outcome) {
        Set<String> held = HELD.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet());
        SEEDS.get(target).replaying(input).ifPresent(seed -> {
            String expected = OUTCOMES.get(target).get(seed);
            if (expected != null) {
                assertEquals(expected, outcome, () -> "seed " + seed + " of " + target);
                held.add(seed);
            }
        });
    }

    /** Each alert as "SIGNAL STATE name time [severity] [service]", joined by " | ". */
    private static String describe(List<Alert> alerts) {
        assertTrue(alerts.stream().allMatch(Objects::nonNull));
        return alerts.stream().map(a -> Stream.of(a.signal().name(), a.state(), a.name(), a.at().toString(),
                        a.severity() == null ? null : a.severity().name(), a.service())
                .filter(Objects::nonNull).collect(Collectors.joining(" "))).collect(Collectors.joining(" | "));
    }
}
