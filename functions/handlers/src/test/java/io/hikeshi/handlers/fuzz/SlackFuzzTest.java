package io.hikeshi.handlers.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.testkit.Seeds;
import io.hikeshi.slackstub.SlackSigner;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Slack's requests fuzzed end to end through the Slack function (see {@link SlackRig}): whatever a
 * signed request carries, the function answers a well-formed HTTP response, and a modal submission
 * gets an ack or field errors, never an exception.
 *
 * <p>{@code slackRequests} seeds are the request body followed by three bytes that the data provider
 * reads from the end: the carrier ({@link Carrier} ordinal, last byte), a retry flag and a base64 flag.
 *
 * <p>Replayed in regression mode, a seed whose name states its outcome ({@code declare-accepted},
 * {@code url-verification}) must have it: see {@link SeedOutcomes}.
 */
class SlackFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Seeds REQUEST_SEEDS = Seeds.of(SlackFuzzTest.class, "slackRequests");
    private static final Seeds VIEW_SEEDS = Seeds.of(SlackFuzzTest.class, "viewSubmissions");
    /** The targets that ran in this JVM, and the named seeds each held to their outcome. */
    private static final Map<String, Set<String>> HELD = new ConcurrentHashMap<>();
    private static SlackRig rig;

    /** How a body reaches the endpoint: the three ways Slack posts, and no content type at all. */
    enum Carrier {
        /** Slash commands: a form body, as is. */
        FORM("application/x-www-form-urlencoded"),
        /** Interactivity (block_actions, view_submission): {@code payload=<url-encoded JSON>}. */
        PAYLOAD("application/x-www-form-urlencoded"),
        /** The Events API and url_verification: JSON. */
        JSON("application/json"),
        NONE(null);

        private final String contentType;

        Carrier(String contentType) {
            this.contentType = contentType;
        }

        String body(String raw) {
            return this == PAYLOAD ? "payload=" + URLEncoder.encode(raw, StandardCharsets.UTF_8) : raw;
        }

        Map<String, String> headers(boolean slackRetry) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("content-type", contentType);
            }
            if (slackRetry) {
                headers.put("x-slack-retry-num", "1");
                headers.put("x-slack-retry-reason", "http_timeout");
            }
            return headers;
        }
    }

    @AfterAll
    static void stopRig() {
        if (rig != null) {
            rig.close();
            rig = null;
        }
    }

    /** Guards against the outcome checks going quiet: a replay that ran must have met every named seed. */
    @AfterAll
    static void everyNamedSeedReplayed_wasHeldToItsOutcome() {
        if (!System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty()) {
            return; // fuzzing: inputs come from native memory and are never taken for seeds
        }
        HELD.forEach((target, held) -> assertEquals(outcomes(target).keySet(), held,
                "named seeds of " + target + " whose outcome was checked"));
    }

    @Test
    void everyNamedOutcome_belongsToASeed_andEverySeedNamedAccepted_hasOne() {
        // GIVEN the seed folders, and the outcomes the seeds' names state
        for (Seeds seeds : List.of(REQUEST_SEEDS, VIEW_SEEDS)) {
            Set<String> named = outcomes(seeds.target()).keySet();

            // THEN every outcome is a seed that exists, and no seed named "-accepted" goes without one
            assertTrue(seeds.names().containsAll(named), () -> seeds.target() + " has " + seeds.names() + ", not all of " + named);
            assertTrue(seeds.names().stream().filter(n -> n.endsWith("-accepted")).allMatch(named::contains),
                    () -> "an accepted seed of " + seeds.target() + " without its outcome: " + seeds.names());
        }
    }

    private static Map<String, SeedOutcomes.Outcome> outcomes(String target) {
        return target.equals(VIEW_SEEDS.target()) ? SeedOutcomes.VIEW_SUBMISSIONS : SeedOutcomes.SLACK_REQUESTS;
    }

    /** When {@code data} replays a seed whose name states an outcome, holds the answer and the rig to it. */
    private static void holdToItsName(Seeds seeds, FuzzedDataProvider data, JsonNode answer, SlackRig slack) {
        Set<String> held = HELD.computeIfAbsent(seeds.target(), t -> ConcurrentHashMap.newKeySet());
        seeds.replaying(data).ifPresent(seed -> {
            SeedOutcomes.Outcome outcome = outcomes(seeds.target()).get(seed);
            if (outcome != null) {
                outcome.check(answer, slack);
                held.add(seed);
            }
        });
    }

    /** Any signed body through the payload 2.0 adapter and Bolt: a 2xx or 4xx answer, never a 5xx or a throw. */
    @FuzzTest(maxDuration = "20s")
    void slackRequests(FuzzedDataProvider data) {
        Carrier carrier = data.pickValue(Carrier.values());
        boolean slackRetry = data.consumeBoolean();
        boolean base64 = data.consumeBoolean();
        String raw = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        SlackRig slack = rig();
        JsonNode answer = slack.post(carrier.headers(slackRetry), carrier.body(raw), base64);

        int status = answer.path("statusCode").asInt(-1);
        assertTrue(status >= 200 && status < 500, () -> "answered " + answer);
        assertTrue(answer.path("headers").path("content-type").isTextual(), () -> "no content type in " + answer);
        assertTrue(answer.path("body").isTextual(), () -> "no body in " + answer);
        holdToItsName(REQUEST_SEEDS, data, answer, slack);
    }

    /**
     * Any state in any of Hikeshi's modals: an empty ack (accepted) or field errors on that modal's blocks,
     * and then nothing saved.
     */
    @FuzzTest(maxDuration = "20s")
    void viewSubmissions(FuzzedDataProvider data) throws IOException {
        SlackRig slack = rig();
        ViewSubmissions.Submission submission = ViewSubmissions.next(data, slack);
        String before = slack.records();

        JsonNode answer = slack.post(Carrier.PAYLOAD.headers(false), SlackSigner.payloadBody(submission.json()), false);

        assertEquals(200, answer.path("statusCode").asInt(), () -> "answered " + answer + " to " + submission.json());
        String body = answer.path("body").asText();
        if (!body.isEmpty()) {
            JsonNode ack = JSON.readTree(body);
            assertEquals("errors", ack.path("response_action").asText(), body);
            Set<String> blocks = submission.modal().blocks();
            ack.path("errors").fieldNames().forEachRemaining(block -> assertTrue(blocks.contains(block),
                    () -> "error on a block the modal does not have: " + body));
            assertEquals(before, slack.records(), () -> "answered field errors, yet saved something: " + body);
        }
        holdToItsName(VIEW_SEEDS, data, answer, slack);
    }

    /** One rig per JVM (the Bolt app is costly to build), with a fresh store for every input. */
    private static SlackRig rig() {
        if (rig == null) {
            rig = new SlackRig();
        }
        rig.reset();
        return rig;
    }
}
