package io.hikeshi.handlers.slack.delivery;

import static io.hikeshi.handlers.slack.delivery.DeliveryRig.BOT_TOKEN;
import static io.hikeshi.handlers.slack.delivery.DeliveryRig.SIGNING_SECRET;
import static io.hikeshi.handlers.slack.delivery.DeliveryRig.WEB_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.slackstub.SlackApiStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A secret rotated in Parameter Store reaches a running function within the secrets cache's time, and at once after a
 * SnapStart restore: the Slack signing secret (checked per request), the bot token (read per Web API call) and the web
 * page's signing key (read per link). Until the cache's time has passed the old value still works; after it, the old
 * one is refused and the new one works. No grace period for the old value: the simplest rule that is correct.
 */
class RotatedSecretsTest {

    /** What SsmSecrets promises: a value is read again five minutes after it was read. */
    private static final Duration CACHED_FOR = Duration.ofMinutes(5);
    private static final Duration JUST_INSIDE = CACHED_FOR.minusSeconds(1);

    private final DeliveryRig rig = new DeliveryRig();
    private final AtomicInteger challenges = new AtomicInteger();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void signingSecret_rotated_oldOneAcceptedUntilTheCacheTimePasses_thenRefused() {
        // GIVEN the endpoint has checked a request with the first signing secret (now cached)
        assertEquals(200, verifyUrlSignedWith("first-signing-secret"));

        // WHEN the secret is rotated in Parameter Store, and the cache's time has not yet passed
        rig.ssm.put(SIGNING_SECRET, "second-signing-secret");
        rig.clock.advance(JUST_INSIDE);

        // THEN requests signed with the old secret still pass, and those with the new one do not yet
        assertEquals(200, verifyUrlSignedWith("first-signing-secret"));
        assertEquals(401, verifyUrlSignedWith("second-signing-secret"));

        // WHEN the cache's time has passed
        rig.clock.advance(Duration.ofSeconds(2));

        // THEN the old secret is refused and the new one accepted
        assertEquals(401, verifyUrlSignedWith("first-signing-secret"));
        assertEquals(200, verifyUrlSignedWith("second-signing-secret"));
    }

    @Test
    void botToken_rotated_oldOneUsedUntilTheCacheTimePasses_thenEveryCallCarriesTheNewOne() {
        // GIVEN a request's listener has called Slack with the first token (App Home, as a task runs it)
        rig.sendSigned(homeOpened("Ev0TOKEN1"));
        rig.slack.clear();

        // WHEN the token is rotated, and the cache's time has not yet passed
        rig.ssm.put(BOT_TOKEN, "xoxb-second");
        rig.clock.advance(JUST_INSIDE);
        rig.runQueuedTasks();
        List<String> before = tokensSent();
        rig.slack.clear();

        // AND WHEN the cache's time has passed
        rig.clock.advance(Duration.ofSeconds(2));
        rig.sendSigned(homeOpened("Ev0TOKEN2"));
        rig.runQueuedTasks();
        List<String> after = tokensSent();

        // THEN Slack got the old token before, and only the new one after
        assertEquals(List.of("Bearer xoxb-first"), before.stream().distinct().toList());
        assertEquals(List.of("Bearer xoxb-second"), after.stream().distinct().toList());
    }

    @Test
    void webKey_rotated_linksSignedWithTheOldKeyWorkUntilTheCacheTimePasses_thenAreRefused() {
        // GIVEN a link signed with the first key, and one signed with the next key
        String oldLink = new SignedLinks("first-web-key-0123456789", rig.clock).issue("U0ALICE", Duration.ofHours(12));
        String newLink = new SignedLinks("second-web-key-0123456789", rig.clock).issue("U0ALICE", Duration.ofHours(12));

        // WHEN the key is rotated, and the cache's time has not yet passed
        rig.ssm.put(WEB_KEY, "second-web-key-0123456789");
        rig.clock.advance(JUST_INSIDE);

        // THEN the old link still signs in (303 to the page), the new one not yet
        assertEquals(303, status(rig.openLink("/", oldLink)));
        assertEquals(401, status(rig.openLink("/", newLink)));

        // WHEN the cache's time has passed
        rig.clock.advance(Duration.ofSeconds(2));

        // THEN the old link is refused and the new one signs in
        assertEquals(401, status(rig.openLink("/", oldLink)));
        assertEquals(303, status(rig.openLink("/", newLink)));
    }

    @Test
    void afterASnapStartRestore_everySecretIsReadAgain_soARotationBeforeTheRestoreTakesEffectAtOnce() {
        // GIVEN the function checked a request (the signing secret cached), and the secret was rotated since
        assertEquals(200, verifyUrlSignedWith("first-signing-secret"));
        rig.ssm.put(SIGNING_SECRET, "second-signing-secret");
        int readsBefore = rig.ssm.reads(SIGNING_SECRET);

        // WHEN the environment is restored from its snapshot, well inside the cache's time
        rig.clock.advance(Duration.ofSeconds(30));
        rig.secrets.afterRestore(null);

        // THEN the next request reads the secret from Parameter Store again: the new one passes, the old one is refused
        assertEquals(200, verifyUrlSignedWith("second-signing-secret"));
        assertEquals(401, verifyUrlSignedWith("first-signing-secret"));
        assertEquals(readsBefore + 1, rig.ssm.reads(SIGNING_SECRET), "read once after the restore, then cached again");
    }

    @Test
    void beforeTheSnapshot_theCacheIsEmptied_soNoSecretIsFrozenIntoIt() {
        // GIVEN the signing secret is cached
        verifyUrlSignedWith("first-signing-secret");
        int readsBefore = rig.ssm.reads(SIGNING_SECRET);

        // WHEN the snapshot is about to be taken
        rig.secrets.beforeCheckpoint(null);
        verifyUrlSignedWith("first-signing-secret");

        // THEN the next use reads Parameter Store again
        assertEquals(readsBefore + 1, rig.ssm.reads(SIGNING_SECRET));
    }

    // ---- helpers ----

    /** Slack checking the request URL (signed, answered without any listener), signed with {@code secret} now. */
    private int verifyUrlSignedWith(String secret) {
        String body = "{\"token\":\"legacy\",\"challenge\":\"c" + challenges.incrementAndGet() + "\",\"type\":\"url_verification\"}";
        return status(rig.sendSigned(secret, rig.clock.instant(), body, Map.of()));
    }

    static String homeOpened(String eventId) {
        return """
                {"token":"legacy","team_id":"T0HIKESHI","api_app_id":"A0HIKESHI","type":"event_callback",
                 "event_id":"%s","event_time":1795403567,
                 "event":{"type":"app_home_opened","user":"U0ALICE","channel":"D0HOME","tab":"home",
                          "event_ts":"1795403567.000100"}}""".formatted(eventId);
    }

    private List<String> tokensSent() {
        return rig.slack.calls().stream().map(SlackApiStub.Call::authorization).toList();
    }

    private static int status(JsonNode answer) {
        return answer.path("statusCode").asInt();
    }
}
