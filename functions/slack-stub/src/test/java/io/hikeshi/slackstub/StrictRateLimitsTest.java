package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.SlackApiException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each method's rate-limit tier: HTTP 429, Retry-After and {@code ratelimited}, on the test's clock (nothing sleeps),
 * with the 429s counted per method. The real SDK's MethodsClient throws SlackApiException on a 429.
 */
class StrictRateLimitsTest extends StrictStubTest {

    @Override
    protected SlackApiStub.Builder stubBuilder() {
        return SlackApiStub.builder().strictness(Strictness.SLACK).clock(clock); // rate limits on
    }

    private SlackApiException throttledCreate(String name) {
        return assertThrows(SlackApiException.class, () -> slack.conversationsCreate(r -> r.name(name)));
    }

    @Test
    void conversationsCreate_tier2_takes20AtOnce_thenOneEvery3Seconds_answering429WithRetryAfter() throws Exception {
        // GIVEN 20 war rooms created in the same instant: Tier 2's minute of calls at once
        for (int i = 0; i < 20; i++) {
            int n = i;
            assertTrue(slack.conversationsCreate(r -> r.name("inc-" + (1000 + n))).isOk());
        }

        // WHEN a 21st is asked for in that instant
        SlackApiException limited = throttledCreate("inc-1020");

        // THEN HTTP 429, Retry-After 3 (a minute's 20 calls, evenly), {"ok":false,"error":"ratelimited"}
        assertEquals(429, limited.getResponse().code());
        assertEquals("3", limited.getResponse().header("Retry-After"));
        assertEquals("ratelimited", limited.getError().getError());
        // AND no channel was created
        assertTrue(stub.channelIdNamed("inc-1020").isEmpty());

        // AND 2 s later it is still early; after the full 3 s exactly one more call goes
        clock.advance(Duration.ofSeconds(2));
        assertEquals("1", throttledCreate("inc-1020").getResponse().header("Retry-After"));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(slack.conversationsCreate(r -> r.name("inc-1020")).isOk());
        assertEquals(429, throttledCreate("inc-1021").getResponse().code());

        // AND the 429s are counted per method, each one attributed to the tier
        assertEquals(3, stub.throttled("conversations.create"));
        assertEquals(Map.of("conversations.create", 3L), stub.throttled());
        assertEquals(List.of("ratelimit.tier2", "ratelimit.tier2", "ratelimit.tier2"), refusedBy());
        assertTrue(stub.refusals().stream().allMatch(e -> e.httpStatus() == 429 && e.error().equals("ratelimited")));
    }

    @Test
    void chatPostMessage_oneASecondPerChannel_afterAShortBurst_eachChannelOnItsOwn() throws Exception {
        // GIVEN the default burst of 3 in the war room
        for (int i = 0; i < 3; i++) {
            assertTrue(slack.chatPostMessage(r -> r.channel("C0WARROOM").text("update")).isOk());
        }

        // WHEN a fourth goes in the same second
        SlackApiException limited = assertThrows(SlackApiException.class,
                () -> slack.chatPostMessage(r -> r.channel("C0WARROOM").text("update")));

        // THEN 429 with Retry-After 1, and it was not posted
        assertEquals(429, limited.getResponse().code());
        assertEquals("1", limited.getResponse().header("Retry-After"));
        assertEquals(3, stub.messages("C0WARROOM").size());

        // AND another channel has its own bucket
        assertTrue(slack.chatPostMessage(r -> r.channel("C0INCIDENTS").text("INC-0042 declared")).isOk());

        // AND a second later the war room takes one more, not two
        clock.advance(Duration.ofSeconds(1));
        assertTrue(slack.chatPostMessage(r -> r.channel("C0WARROOM").text("update")).isOk());
        assertThrows(SlackApiException.class, () -> slack.chatPostMessage(r -> r.channel("C0WARROOM").text("update")));
        assertEquals(2, stub.throttled("chat.postMessage"));
        assertEquals(List.of("ratelimit.chat.postMessage", "ratelimit.chat.postMessage"), refusedBy());
    }

    @Test
    void tiers3And4_takeTheirMinuteAtOnce_andMethodsDoNotShareBuckets() throws Exception {
        // Tier 4: users.info, 100 a minute
        for (int i = 0; i < 100; i++) {
            assertTrue(slack.usersInfo(r -> r.user("U0ALICE")).isOk());
        }
        SlackApiException users = assertThrows(SlackApiException.class, () -> slack.usersInfo(r -> r.user("U0ALICE")));
        assertEquals("1", users.getResponse().header("Retry-After")); // 0.6 s, rounded up to a whole second

        // Tier 3: conversations.info, 50 a minute, untouched by users.info's calls
        for (int i = 0; i < 50; i++) {
            assertTrue(slack.conversationsInfo(r -> r.channel("C0WARROOM")).isOk());
        }
        SlackApiException info = assertThrows(SlackApiException.class,
                () -> slack.conversationsInfo(r -> r.channel("C0WARROOM")));
        assertEquals("2", info.getResponse().header("Retry-After")); // 1.2 s

        assertEquals(Map.of("users.info", 1L, "conversations.info", 1L), stub.throttled());
        assertEquals(List.of("ratelimit.tier4", "ratelimit.tier3"), refusedBy());

        // AND a minute later both have their full minute again
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 50; i++) {
            assertTrue(slack.conversationsInfo(r -> r.channel("C0WARROOM")).isOk());
        }
    }

    @Test
    void aRefusedCallStillCountsAgainstTheTier_asSlackCountsEveryCall() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertRefused(slack.conversationsCreate(r -> r.name("Not A Valid Name")), "invalid_name_specials");
        }
        assertEquals(429, throttledCreate("inc-0042").getResponse().code());
    }

    @Test
    void failNext_429s_areCountedToo_andTheTierIsUntouchedByThem() throws Exception {
        stub.failNext("conversations.create", 2, 429, 30);
        assertEquals("30", throttledCreate("inc-0042").getResponse().header("Retry-After"));
        assertEquals(429, throttledCreate("inc-0042").getResponse().code());
        assertTrue(slack.conversationsCreate(r -> r.name("inc-0042")).isOk());
        assertEquals(2, stub.throttled("conversations.create"));
        assertTrue(stub.refusals().isEmpty(), "a scripted failure is not a rule's refusal");
    }
}
