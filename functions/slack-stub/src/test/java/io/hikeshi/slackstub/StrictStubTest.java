package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiTextResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A strict stub on a clock the test moves, and the real Slack SDK's MethodsClient pointed at it, parsing with
 * {@code failOnUnknownProperties} so that every answer has a shape the SDK knows.
 */
abstract class StrictStubTest {

    /** 2026-11-24T03:12:47Z, the day of the stub's fixture timestamps. */
    static final Instant T0 = Instant.parse("2026-11-24T03:12:47Z");

    protected final ManualClock clock = new ManualClock(T0);
    protected SlackApiStub stub;
    protected MethodsClient slack;
    private Slack sdk;

    /**
     * How this test's stub is built: strict on the manual clock, rate limits aside (each family of rules is tested on
     * its own; {@link StrictRateLimitsTest} keeps them), plus whatever the test adds.
     */
    protected SlackApiStub.Builder stubBuilder() {
        return SlackApiStub.builder().strictness(Strictness.SLACK).clock(clock).withoutRateLimits();
    }

    @BeforeEach
    void startStrictStub() {
        stub = stubBuilder().start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(stub.methodsUrlPrefix());
        config.setFailOnUnknownProperties(true);
        sdk = Slack.getInstance(config);
        slack = sdk.methods("xoxb-test");
    }

    @AfterEach
    void stopStrictStub() throws Exception {
        sdk.close();
        stub.close();
    }

    /** Asserts Slack's refusal: {@code ok:false} and the error code. */
    protected static void assertRefused(SlackApiTextResponse response, String error) {
        assertFalse(response.isOk(), "refused");
        assertEquals(error, response.getError());
    }

    /** The ids of the rules that refused calls, in order. */
    protected List<String> refusedBy() {
        return stub.refusals().stream().map(e -> e.rule().id()).toList();
    }

    static String repeat(String s, int times) {
        return s.repeat(times);
    }
}
