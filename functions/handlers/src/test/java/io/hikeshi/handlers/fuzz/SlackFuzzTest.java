package io.hikeshi.handlers.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.slackstub.SlackSigner;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * Slack's requests fuzzed end to end through the Slack function (see {@link SlackRig}): whatever a
 * signed request carries, the function answers a well-formed HTTP response, and a modal submission
 * gets an ack or field errors, never an exception.
 *
 * <p>{@code slackRequests} seeds are the request body followed by three bytes that the data provider
 * reads from the end: the carrier ({@link Carrier} ordinal, last byte), a retry flag and a base64 flag.
 */
class SlackFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    /** Any signed body through the payload 2.0 adapter and Bolt: a 2xx or 4xx answer, never a 5xx or a throw. */
    @FuzzTest(maxDuration = "20s")
    void slackRequests(FuzzedDataProvider data) {
        Carrier carrier = data.pickValue(Carrier.values());
        boolean slackRetry = data.consumeBoolean();
        boolean base64 = data.consumeBoolean();
        String raw = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);

        JsonNode answer = rig().post(carrier.headers(slackRetry), carrier.body(raw), base64);

        int status = answer.path("statusCode").asInt(-1);
        assertTrue(status >= 200 && status < 500, () -> "answered " + answer);
        assertTrue(answer.path("headers").path("content-type").isTextual(), () -> "no content type in " + answer);
        assertTrue(answer.path("body").isTextual(), () -> "no body in " + answer);
    }

    /** Any state in any of Hikeshi's modals: an empty ack (accepted) or field errors on that modal's blocks. */
    @FuzzTest(maxDuration = "20s")
    void viewSubmissions(FuzzedDataProvider data) throws IOException {
        SlackRig slack = rig();
        ViewSubmissions.Submission submission = ViewSubmissions.next(data, slack);

        JsonNode answer = slack.post(Carrier.PAYLOAD.headers(false), SlackSigner.payloadBody(submission.json()), false);

        assertEquals(200, answer.path("statusCode").asInt(), () -> "answered " + answer + " to " + submission.json());
        String body = answer.path("body").asText();
        if (!body.isEmpty()) {
            JsonNode ack = JSON.readTree(body);
            assertEquals("errors", ack.path("response_action").asText(), body);
            Set<String> blocks = submission.modal().blocks();
            ack.path("errors").fieldNames().forEachRemaining(block -> assertTrue(blocks.contains(block),
                    () -> "error on a block the modal does not have: " + body));
        }
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
