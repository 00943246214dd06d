package io.hikeshi.handlers;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Clocks for tests, so that no test depends on the machine's day: a test takes every time either
 * from one fixed instant (these, when it feeds the samples in events/) or from now, never both.
 */
public final class TestClocks {

    /**
     * When the sample alarm fired (events/alarm-metric-alarm.json, {@code state.timestamp}) and the
     * sample incident was opened (events/eventbridge-incident-opened.json, {@code detail.at}).
     */
    public static final Instant SAMPLE_ALARM_FIRED = Instant.parse("2026-11-24T03:12:45.123Z");

    /**
     * When API Gateway delivered the sample webhook (events/apigw-webhook-alertmanager.json,
     * {@code requestContext.timeEpoch}): after every webhook sample's own time (the latest,
     * webhook-datadog-recovered.json, is 2026-11-19).
     */
    public static final Instant SAMPLE_WEBHOOK_DELIVERED = Instant.parse("2026-11-24T03:12:47Z");

    /**
     * After everything the alarm samples describe: the latest, the recovery in
     * events/alarm-metric-ok.json, is at 03:41:10.456; tests refire the alarm at 03:55 at the latest.
     */
    public static final Instant AFTER_SAMPLE_ALARMS = Instant.parse("2026-11-24T04:00:00Z");

    private TestClocks() { }

    public static Clock fixedAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
