package io.hikeshi.handlers.slack.delivery;

import static io.hikeshi.handlers.slack.delivery.RotatedSecretsTest.homeOpened;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's delivery rules, through signed requests: an Events API retry (X-Slack-Retry-Num, a fresh signature) of an
 * event already handled is acknowledged and not processed again, while a retry of one whose first attempt failed is
 * processed; a request is accepted only within five minutes of our clock, either side, and only once.
 *
 * <p>Attacks refused here: 6 (timestamps 5 min 1 s ahead, an hour ahead, a day ahead and 5 min 1 s old; a replay of a
 * request signed ahead of our clock; a replayed command dressed as a Slack retry).
 */
class SlackRetriesAndTimestampsTest {

    private final DeliveryRig rig = new DeliveryRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void eventRetriedThreeTimes_isProcessedOnce_andEveryDeliveryIsAcknowledged() {
        // GIVEN an App Home event delivered, then retried by Slack three times (at once, a minute later, five minutes later)
        String body = homeOpened("Ev0RETRY");
        List<Integer> statuses = new ArrayList<>();
        statuses.add(status(rig.sendSigned(body)));

        // WHEN the retries arrive, each signed anew
        for (Duration wait : List.of(Duration.ofSeconds(3), Duration.ofMinutes(1), Duration.ofMinutes(5))) {
            rig.clock.advance(wait);
            statuses.add(status(retry(body, statuses.size(), "http_timeout")));
        }

        // THEN all four got 200 and the event was handled once (one App Home task)
        assertEquals(List.of(200, 200, 200, 200), statuses);
        assertEquals(1, rig.queued.size(), rig.queued.toString());
    }

    @Test
    void eventWhoseFirstAttemptFailed_isProcessedOnTheRetry_andThenNotAgain() {
        // GIVEN the task queue is down for the first delivery
        String body = homeOpened("Ev0FAILED");
        rig.failingSubmissions.set(1);

        // WHEN Slack delivers, then retries twice
        int first = status(rig.sendSigned(body));
        rig.clock.advance(Duration.ofMinutes(1));
        int secondAttempt = status(retry(body, 1, "http_error"));
        rig.clock.advance(Duration.ofMinutes(5));
        int thirdAttempt = status(retry(body, 2, "http_error"));

        // THEN the failure was not acknowledged (Slack retries), the first retry did the work, the next changed nothing
        assertEquals(500, first);
        assertEquals(200, secondAttempt);
        assertEquals(200, thirdAttempt);
        assertEquals(1, rig.queued.size(), rig.queued.toString());
    }

    @Test
    void differentEvents_areEachProcessed() {
        // GIVEN two distinct events in the same second
        // WHEN both arrive
        int first = status(rig.sendSigned(homeOpened("Ev0ONE")));
        int second = status(rig.sendSigned(homeOpened("Ev0TWO")));

        // THEN both are handled: dedup is by event id, not by time or content
        assertEquals(List.of(200, 200), List.of(first, second));
        assertEquals(2, rig.queued.size());
    }

    @Test
    void timestampsBeyondFiveMinutesEitherSide_areRefused401_andChangeNothing() {
        // GIVEN correctly signed events whose timestamps lie outside Slack's five minutes
        Instant now = rig.clock.instant();
        Map<String, Instant> signedAt = Map.of(
                "Ev0AHEAD1", now.plus(Duration.ofMinutes(5)).plusSeconds(1),
                "Ev0AHEAD2", now.plus(Duration.ofHours(1)),
                "Ev0AHEAD3", now.plus(Duration.ofDays(1)),
                "Ev0STALE", now.minus(Duration.ofMinutes(5)).minusSeconds(1));

        // WHEN each arrives
        List<Integer> statuses = signedAt.entrySet().stream()
                .map(e -> status(rig.sendSigned(secret(), e.getValue(), homeOpened(e.getKey()), Map.of()))).toList();

        // THEN every one is refused, and nothing was handled
        assertEquals(List.of(401, 401, 401, 401), statuses);
        assertTrue(rig.queued.isEmpty());
    }

    @Test
    void timestampsAtTheEdgesOfTheWindow_areAccepted() {
        // GIVEN events signed exactly five minutes ahead and five minutes ago (clocks differ a little)
        Instant now = rig.clock.instant();

        // WHEN they arrive
        int ahead = status(rig.sendSigned(secret(), now.plus(Duration.ofMinutes(5)), homeOpened("Ev0EDGE1"), Map.of()));
        int behind = status(rig.sendSigned(secret(), now.minus(Duration.ofMinutes(5)), homeOpened("Ev0EDGE2"), Map.of()));

        // THEN both are handled
        assertEquals(List.of(200, 200), List.of(ahead, behind));
        assertEquals(2, rig.queued.size());
    }

    @Test
    void requestSignedAhead_replayedWhileStillInsideTheWindow_isRefused() {
        // GIVEN a slash command signed four minutes ahead of our clock, accepted once
        String body = DeliveryRig.command("list");
        Instant ahead = rig.clock.instant().plus(Duration.ofMinutes(4));
        int first = status(rig.sendSigned(secret(), ahead, body, Map.of()));

        // WHEN the same signed request is sent again eight minutes later (its timestamp is then four minutes old)
        rig.clock.advance(Duration.ofMinutes(8));
        int replay = status(rig.sendSigned(secret(), ahead, body, Map.of()));

        // THEN the replay is refused: the signature is remembered for as long as it can be accepted
        assertEquals(200, first);
        assertEquals(401, replay);
    }

    @Test
    void retryHeaderOnAnythingButAnEvent_doesNotExemptItFromTheReplayCheck() {
        // GIVEN a slash command accepted once
        String body = DeliveryRig.command("list");
        Instant at = rig.clock.instant();
        int first = status(rig.sendSigned(secret(), at, body, Map.of()));

        // WHEN it is replayed with a retry header added
        int replay = status(rig.sendSigned(secret(), at, body, Map.of("X-Slack-Retry-Num", "1")));

        // THEN refused: only Events API deliveries are retried by Slack, and those are recognised by their event id
        assertEquals(200, first);
        assertEquals(401, replay);
    }

    // ---- helpers ----

    private JsonNode retry(String body, int number, String reason) {
        return rig.sendSigned(secret(), rig.clock.instant(), body,
                Map.of("X-Slack-Retry-Num", String.valueOf(number), "X-Slack-Retry-Reason", reason));
    }

    private String secret() {
        return rig.ssm.get(DeliveryRig.SIGNING_SECRET);
    }

    private static int status(JsonNode answer) {
        return answer.path("statusCode").asInt();
    }
}
