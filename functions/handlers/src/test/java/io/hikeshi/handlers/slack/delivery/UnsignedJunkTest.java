package io.hikeshi.handlers.slack.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.slackstub.SlackSigner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Security: the signature is checked on the raw body before anything parses it, so whatever arrives without a valid
 * signature, in whatever content type, is a 401 with a generic body, never a 400 from a parser, and reaches no listener
 * and no store.
 *
 * <p>Attacks refused here: 54 (9 bodies, a genuine slash command among them, × 6 ways of signing wrongly).
 */
class UnsignedJunkTest {

    /** Bodies: JSON, form, interactivity payload, garbage, empty, XML, binary-ish text, huge, a valid command. */
    private static final Map<String, String> BODIES = bodies();

    private final DeliveryRig rig = new DeliveryRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void everyBodyWithEveryForgedSignature_is401_beforeAnyParsing_andChangesNothing() {
        // GIVEN each body with each way of getting the signature wrong
        List<String> notRefused = new ArrayList<>();
        int refused = 0;
        rig.slack.clear();

        // WHEN each arrives
        for (Map.Entry<String, String> body : BODIES.entrySet()) {
            for (Map.Entry<String, Forgery> forgery : forgeries().entrySet()) {
                Map<String, String> headers = forgery.getValue().headers(this, body.getValue());
                JsonNode answer = rig.send(body.getValue(), contentType(body.getKey()), headers);
                if (answer.path("statusCode").asInt() == 401 && answer.path("body").asText().equals("{\"error\":\"invalid request\"}")) {
                    refused++;
                } else {
                    notRefused.add(body.getKey() + " / " + forgery.getKey() + " → " + answer);
                }
            }
        }

        // THEN all were refused alike, nothing was queued and Slack was not called
        assertEquals(List.of(), notRefused);
        assertEquals(BODIES.size() * forgeries().size(), refused);
        assertEquals(54, refused);
        assertTrue(rig.queued.isEmpty());
        assertEquals(List.of(), rig.slack.calls());
    }

    @Test
    void theSameBodiesSignedCorrectly_areNeverRefused401() {
        // GIVEN the same bodies, signed with the secret (what Slack could send; junk included)
        // WHEN each arrives
        Map<String, Integer> statuses = new LinkedHashMap<>();
        BODIES.forEach((what, body) -> statuses.put(what, rig.send(body, contentType(what),
                SlackSigner.headers(secret(), rig.clock.instant().getEpochSecond(), body)).path("statusCode").asInt()));

        // THEN none is refused as unsigned: the 401s above came from the signature alone
        statuses.forEach((what, status) -> assertTrue(status != 401, what + " → " + status));
    }

    // ---- the attacks ----

    @FunctionalInterface
    private interface Forgery {
        Map<String, String> headers(UnsignedJunkTest test, String body);
    }

    private static Map<String, Forgery> forgeries() {
        Map<String, Forgery> forgeries = new LinkedHashMap<>();
        forgeries.put("no headers", (t, body) -> Map.of());
        forgeries.put("signature without timestamp", (t, body) -> Map.of(SlackSigner.SIGNATURE_HEADER,
                SlackSigner.signature(t.secret(), t.now(), body)));
        forgeries.put("another secret", (t, body) -> SlackSigner.headers("not-the-signing-secret", t.now(), body));
        forgeries.put("unreadable timestamp", (t, body) -> Map.of(SlackSigner.TIMESTAMP_HEADER, "soon",
                SlackSigner.SIGNATURE_HEADER, "v0=" + "0".repeat(64)));
        forgeries.put("timestamp overflowing a long", (t, body) -> Map.of(SlackSigner.TIMESTAMP_HEADER,
                "99999999999999999999999", SlackSigner.SIGNATURE_HEADER, "v0=" + "0".repeat(64)));
        forgeries.put("signature of another body", (t, body) -> SlackSigner.headers(t.secret(), t.now(), body + " "));
        return forgeries;
    }

    private static Map<String, String> bodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("json event", RotatedSecretsTest.homeOpened("Ev0JUNK"));
        bodies.put("form command", DeliveryRig.command("resolve INC-0001"));
        bodies.put("form payload", SlackSigner.payloadBody("{\"type\":\"block_actions\",\"actions\":[]}"));
        bodies.put("garbage", "}{ not json & not=form %zz");
        bodies.put("empty", "");
        bodies.put("xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
        bodies.put("control characters", "\u0000\u0001\u001b[31m\ud83d\udd25\u202e");
        bodies.put("huge json", "{\"type\":\"event_callback\",\"event\":{\"type\":\"" + "x".repeat(1_000_000) + "\"}}");
        bodies.put("payload not json", "payload=%7Bnot-json");
        return bodies;
    }

    private static String contentType(String what) {
        return switch (what) {
            case "json event", "huge json" -> "application/json";
            case "xml" -> "application/xml";
            case "garbage" -> "text/plain";
            case "control characters" -> "multipart/form-data; boundary=x";
            case "empty" -> null;
            default -> "application/x-www-form-urlencoded";
        };
    }

    private String secret() {
        return rig.ssm.get(DeliveryRig.SIGNING_SECRET);
    }

    private long now() {
        return rig.clock.instant().getEpochSecond();
    }
}
