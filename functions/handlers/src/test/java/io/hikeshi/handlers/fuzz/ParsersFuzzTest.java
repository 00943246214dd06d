package io.hikeshi.handlers.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.handlers.alarm.AlarmEventParser;
import io.hikeshi.handlers.alarm.InvalidEventException;
import io.hikeshi.handlers.webhook.WebhookFuzzing;

/**
 * Every parser of outside input, fuzzed: whatever arrives, the answer is a parsed value or a clear
 * InvalidEventException — never another exception, never a hang. In a normal test run these replay
 * their seed inputs (regression mode); bin/fuzz runs each for a bounded time with JAZZER_FUZZ=1.
 */
class ParsersFuzzTest {

    private static final AlarmEventParser ALARMS = new AlarmEventParser(new ObjectMapper());

    @FuzzTest(maxDuration = "20s")
    void alarmEvents(byte[] body) {
        try {
            ALARMS.parse(body);
        } catch (InvalidEventException expected) {
            // a clear refusal is a correct answer
        }
    }

    @FuzzTest(maxDuration = "20s")
    void genericWebhook(byte[] body) {
        WebhookFuzzing.parse("generic", body);
    }

    @FuzzTest(maxDuration = "20s")
    void alertmanagerWebhook(byte[] body) {
        WebhookFuzzing.parse("alertmanager", body);
    }

    @FuzzTest(maxDuration = "20s")
    void grafanaWebhook(byte[] body) {
        WebhookFuzzing.parse("grafana", body);
    }

    @FuzzTest(maxDuration = "20s")
    void datadogWebhook(byte[] body) {
        WebhookFuzzing.parse("datadog", body);
    }
}
