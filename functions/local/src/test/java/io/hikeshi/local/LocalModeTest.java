package io.hikeshi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole of local mode as {@code bin/hikeshi-local} runs it (DynamoDB Local, Slack stub, relay,
 * reminders, HTTP), started in-process. Every time here is derived from now: local mode runs on the
 * real clock, and the alerts are sent as they happen.
 */
class LocalModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> NO_SLACK_TOKEN = Map.of();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void movedClock_firesRemindersAndMovesTheDigest_whileSignaturesLoginLinksAndPeoplesActionsKeepRealTime() throws Exception {
        try (LocalHikeshi hikeshi = start("--port", "0", "--require-login")) {
            // GIVEN an incident opened by a signed webhook, resolved by a person, its postmortem drafted
            assertEquals(202, sendGenericAlert(hikeshi, "db-cpu", "DB primary CPU 97%").statusCode());
            IncidentId first = IncidentId.parse("INC-0001");
            hikeshi.core().incidents().changeStatus(first, Status.RESOLVED, "U0ALICE");
            hikeshi.relayOutbox();
            assertFalse(hikeshi.reminders().pending().isEmpty(), "the draft scheduled its reminders");
            String session = "hikeshi_session=" + token(hikeshi.loginLink("U0ALICE"));

            // WHEN the clock is moved a month ahead (signed in: the page's session opens the API too)
            JsonNode moved = JSON.readTree(post(hikeshi, "/api/clock/advance?days=30", session).body());

            // THEN the reminders due in that month fire, and the digest sees the postmortem overdue
            assertTrue(moved.path("fired").size() >= 3, "before, on and after the due date: " + moved);
            assertEquals(0, moved.path("pending").size(), moved.toString());
            String digest = JSON.readTree(post(hikeshi, "/api/digest", session).body()).path("digest").asText();
            assertTrue(digest.contains("INC-0001"), digest);

            // AND a webhook signed now is still accepted (its 5-minute window is real time)
            HttpResponse<String> signedNow = sendGenericAlert(hikeshi, "api-latency", "API p99 above 2 s");
            assertEquals(202, signedNow.statusCode(), signedNow.body());

            // AND a login link issued now still signs in (a session cookie, and the token dropped from the address)
            String link = hikeshi.loginLink("U0BOB");
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, signIn.statusCode(), signIn.body());
            assertTrue(signIn.headers().firstValue("Set-Cookie").orElse("").startsWith("hikeshi_session="),
                    signIn.headers().toString());

            // AND a person's action is stamped with real time, not a month ahead
            IncidentId second = IncidentId.parse("INC-0002");
            hikeshi.core().incidents().acknowledge(second, "U0BOB");
            Incident acknowledged = hikeshi.core().storage().incidents().find(second).orElseThrow();
            assertFalse(acknowledged.acknowledgedAt().isAfter(Instant.now()),
                    "acknowledged at " + acknowledged.acknowledgedAt());
        }
    }

    @Test
    void movedClock_firesTheNudgeOfASilentWarRoom_andSetsTheNext(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("slack.jsonl");
        try (LocalHikeshi hikeshi = start("--port", "0", "--slack-log", log.toString())) {
            // GIVEN a critical alert's incident (SEV1: an update every 15 minutes) and its war room, nobody speaking
            assertEquals(202, sendGenericAlert(hikeshi, "db-cpu", "DB primary CPU 97%").statusCode());
            hikeshi.relayOutbox();
            assertTrue(pendingIds(hikeshi).contains("nudge-INC-0001"), "the war room set the nudge: " + pendingIds(hikeshi));

            // WHEN the clock is moved 16 minutes ahead
            JsonNode moved = JSON.readTree(post(hikeshi, "/api/clock/advance?minutes=16", null).body());

            // THEN the nudge fired, the war room got its line (no commander: anyone is asked), and the next one is set
            assertTrue(moved.path("fired").toString().contains("nudge-INC-0001 (NUDGE)"), moved.toString());
            assertTrue(pendingIds(hikeshi).contains("nudge-INC-0001"), "nudged every interval, not once");
        }
        List<String> said = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode call = JSON.readTree(line);
            if (call.path("method").asText().equals("chat.postMessage")
                    && call.path("args").path("text").asText().contains("/incident status")) {
                said.add(call.path("args").path("text").asText());
            }
        }
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).contains("*INC-0001* の状況報告が"), said.get(0));
        assertTrue(said.get(0).contains("（SEV1 は 15 分ごとに報告）"), said.get(0));
        assertTrue(said.get(0).contains("指揮官もまだいません"), said.get(0));
    }

    private static List<String> pendingIds(LocalHikeshi hikeshi) {
        return hikeshi.reminders().pending().stream().map(r -> r.id()).toList();
    }

    @Test
    void dataDir_keepsIncidentsAndTheirNumbersAcrossRestarts(@TempDir Path data) throws Exception {
        // GIVEN local mode keeping its data in a directory, with one incident
        try (LocalHikeshi hikeshi = start("--port", "0", "--data-dir", data.toString())) {
            assertEquals(202, sendGenericAlert(hikeshi, "db-cpu", "DB primary CPU 97%").statusCode());
        }

        // WHEN it is started again on the same directory
        try (LocalHikeshi again = start("--port", "0", "--data-dir", data.toString())) {
            // THEN the incident is still there, and the next one gets the next number
            HttpResponse<String> kept = get(again, "/api/incidents/INC-0001");
            assertEquals(200, kept.statusCode(), kept.body());
            assertEquals("DB primary CPU 97%", JSON.readTree(kept.body()).path("title").asText());
            assertEquals(202, sendGenericAlert(again, "api-latency", "API p99 above 2 s").statusCode());
            assertEquals(2, JSON.readTree(get(again, "/api/incidents").body()).path("incidents").size());
            assertEquals(200, get(again, "/api/incidents/INC-0002").statusCode());
        }
    }

    @Test
    void withoutADataDir_nothingIsKept() throws Exception {
        try (LocalHikeshi hikeshi = start("--port", "0")) {
            assertEquals(202, sendGenericAlert(hikeshi, "db-cpu", "DB primary CPU 97%").statusCode());
        }
        try (LocalHikeshi again = start("--port", "0")) {
            assertEquals(404, get(again, "/api/incidents/INC-0001").statusCode());
        }
    }

    @Test
    void clockAndDigest_answerOnlyToPost() throws Exception {
        try (LocalHikeshi hikeshi = start("--port", "0")) {
            assertEquals(405, get(hikeshi, "/api/clock/advance?days=1").statusCode());
            assertEquals(405, get(hikeshi, "/api/digest").statusCode());
            // nothing resolved, nothing overdue: the digest says so
            HttpResponse<String> digest = post(hikeshi, "/api/digest", null);
            assertEquals(200, digest.statusCode());
            assertFalse(JSON.readTree(digest.body()).path("digest").asText().contains("INC-"));
        }
    }

    @Test
    void slackLog_appendsOneJsonLinePerSlackCall_everyArgument_blocksAsJson(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("slack.jsonl");
        try (LocalHikeshi hikeshi = start("--port", "0", "--slack-log", log.toString())) {
            // GIVEN local mode without a Slack token, writing down its Slack calls
            // WHEN an alert opens an incident and its war room is built
            assertEquals(202, sendGenericAlert(hikeshi, "db-cpu", "DB primary CPU 97% 🔥").statusCode());
            hikeshi.relayOutbox();
        }

        // THEN every call is one JSON line: its method, every argument (blocks as JSON), and Slack's answer
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            lines.add(JSON.readTree(line));
        }
        assertTrue(lines.stream().allMatch(l -> l.path("method").isTextual() && l.path("args").isObject()
                && l.path("ok").isBoolean()), lines.toString());
        JsonNode created = lines.stream().filter(l -> l.path("method").asText().equals("conversations.create"))
                .findFirst().orElseThrow();
        assertTrue(created.path("ok").asBoolean());
        assertTrue(created.path("args").path("name").asText().startsWith("inc-"), created.toString());
        JsonNode card = lines.stream().filter(l -> l.path("method").asText().equals("chat.postMessage")
                && l.path("args").path("blocks").isArray()).findFirst().orElseThrow();
        assertTrue(card.path("args").path("blocks").toString().contains("DB primary CPU 97% 🔥"), card.toString());
        assertTrue(lines.stream().anyMatch(l -> l.path("method").asText().equals("pins.add")), "the pin, too");
    }

    private static LocalHikeshi start(String... args) throws Exception {
        return LocalHikeshi.start(LocalMain.Options.parse(args), NO_SLACK_TOKEN, false, System.out);
    }

    /** A generic webhook alert, signed as the README shows (HMAC of "timestamp:body"), at the real time. */
    private HttpResponse<String> sendGenericAlert(LocalHikeshi hikeshi, String dedupKey, String summary) throws Exception {
        String body = JSON.writeValueAsString(Map.of("action", "trigger", "dedupKey", dedupKey, "summary", summary,
                "severity", "critical"));
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hikeshi.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(uri(hikeshi, "/alerts/generic"))
                .header("X-Hikeshi-Timestamp", timestamp).header("X-Hikeshi-Signature", "sha256=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(LocalHikeshi hikeshi, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(hikeshi, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An empty POST, with a session cookie ({@code hikeshi_session=…}) or none (null). */
    private HttpResponse<String> post(LocalHikeshi hikeshi, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(hikeshi, path)).POST(HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String loginLink) {
        return loginLink.substring(loginLink.indexOf("?token=") + "?token=".length());
    }

    private static URI uri(LocalHikeshi hikeshi, String path) {
        return URI.create("http://127.0.0.1:" + hikeshi.port() + path);
    }
}
