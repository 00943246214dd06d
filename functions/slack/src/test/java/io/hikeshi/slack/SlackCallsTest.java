package io.hikeshi.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import io.hikeshi.slackstub.ManualClock;
import io.hikeshi.slackstub.SlackApiStub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calling Slack politely: Retry-After honoured, patience with 429s, a few tries for errors; waits on a test's clock. */
class SlackCallsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T03:12:47Z"));
    private final List<Duration> waits = new ArrayList<>();
    private SlackApiStub stub;
    private Slack sdk;
    private MethodsClient slack;

    @BeforeEach
    void start() {
        stub = SlackApiStub.builder().clock(clock).start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(stub.methodsUrlPrefix());
        sdk = Slack.getInstance(config);
        slack = sdk.methods("xoxb-test");
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        stub.close();
    }

    /** Standard calls whose waits move the stub's clock instead of sleeping, with no jitter. */
    private SlackCalls calls() {
        return SlackCalls.standard().jitter(bound -> 0).pausingWith(wait -> {
            waits.add(wait);
            clock.advance(wait);
        });
    }

    @Test
    void aTierLimit_isWaitedOut_exactlyAsRetryAfterSays_andTheCallGoesThrough() {
        // GIVEN conversations.create's Tier 2 burst of 20 used up
        SlackCalls calls = calls();
        for (int i = 0; i < 20; i++) {
            String name = "inc-burst-" + i;
            assertTrue(calls.require("conversations.create", () -> slack.conversationsCreate(r -> r.name(name))).isOk());
        }

        // WHEN a 21st channel is made
        var created = calls.require("conversations.create", () -> slack.conversationsCreate(r -> r.name("inc-21")));

        // THEN Slack said 429 once with Retry-After 3 (a Tier 2 slot), the call waited those 3 s, and went through
        assertTrue(created.isOk());
        assertEquals(1, stub.throttled("conversations.create"));
        assertEquals(List.of(Duration.ofSeconds(3)), waits);
    }

    @Test
    void jitter_addsAtMostTheRetryAfter_soThrottledCallersDoNotAllReturnAtOnce() {
        stub.failNext("chat.postMessage", 1, 429, 1);
        List<Long> bounds = new ArrayList<>();

        SlackCalls.standard().jitter(bound -> {
            bounds.add(bound);
            return bound - 1;
        }).pausingWith(waits::add).require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel("C0GENERAL").text("hi")));

        assertEquals(List.of(1000L), bounds);
        assertEquals(List.of(Duration.ofMillis(1999)), waits);
    }

    @Test
    void throttlingPastItsPatience_givesUp_soTheEventIsRetriedLater() {
        stub.failNext("bookmarks.add", 100, 429, 20);

        var error = assertThrows(SlackCalls.SlackUnavailableException.class, () -> calls().call("bookmarks.add",
                () -> slack.bookmarksAdd(r -> r.channelId("C0WARROOM").title("Runbook").type("link").link("https://x.example"))));

        assertEquals(List.of(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20)), waits,
                "60 s of patience: three waits of 20 s, then no fourth");
        assertTrue(error.getMessage().contains("rate-limited"), error.getMessage());
        assertTrue(stub.bookmarks("C0WARROOM").isEmpty());
    }

    @Test
    void aRetryAfterLongerThanAnyWait_endsTheCall_ratherThanComingBackTooSoon() {
        stub.failNext("conversations.create", 1, 429, 120);

        assertThrows(SlackCalls.SlackUnavailableException.class,
                () -> calls().call("conversations.create", () -> slack.conversationsCreate(r -> r.name("inc-later"))));

        assertEquals(List.of(), waits);
        assertEquals(1, stub.calls("conversations.create").size());
    }

    @Test
    void serverErrors_backOff_forFiveTriesInAll() {
        stub.failNext("chat.postMessage", 5, 503, null);

        assertThrows(SlackCalls.SlackUnavailableException.class,
                () -> calls().call("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel("C0GENERAL").text("hi"))));

        assertEquals(5, stub.calls("chat.postMessage").size());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), waits);
    }
}
