package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stub over real HTTP, the way the Slack SDK talks to it: its recording, scripting and latency (as strict as
 * Slack, the default), and the answers of a lenient stub.
 */
class SlackApiStubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private SlackApiStub stub;

    @BeforeEach
    void start() {
        stub = SlackApiStub.start();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private HttpRequest form(String method, String body) {
        return HttpRequest.newBuilder(URI.create(stub.methodsUrlPrefix() + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer xoxb-test")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> postForm(String method, String body) throws Exception {
        return http.send(form(method, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String method, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.methodsUrlPrefix() + method))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer xoxb-test")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void prefixLooksLikeSlacks() {
        assertTrue(stub.methodsUrlPrefix().matches("http://127\\.0\\.0\\.1:\\d+/api/"), stub.methodsUrlPrefix());
    }

    @Test
    void formPostIsRecordedAndAnsweredOk() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", "C0WARROOM");
        form.put("text", "INC-0042 declared: Payment API returns 5xx & more");
        HttpResponse<String> response = postForm("chat.postMessage?unfurl_links=false", SlackSigner.formBody(form));

        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.get("ok").asBoolean());
        assertEquals("C0WARROOM", body.get("channel").asText());
        assertEquals("1795403567.000100", body.get("ts").asText());
        assertEquals("INC-0042 declared: Payment API returns 5xx & more", body.at("/message/text").asText());
        assertEquals("1795403567.000100", body.at("/message/ts").asText());

        List<SlackApiStub.Call> calls = stub.calls("chat.postMessage");
        assertEquals(1, calls.size());
        SlackApiStub.Call call = calls.get(0);
        assertEquals("C0WARROOM", call.param("channel"));
        assertEquals("INC-0042 declared: Payment API returns 5xx & more", call.param("text"));
        assertEquals("false", call.param("unfurl_links"));
        assertEquals("Bearer xoxb-test", call.authorization());

        String second = JSON.readTree(postForm("chat.postMessage", "channel=C0GENERAL&text=x").body())
                .get("ts").asText();
        assertEquals("1795403567.000200", second);
        assertEquals(2, stub.calls().size());
        stub.clear();
        assertTrue(stub.calls().isEmpty());
    }

    @Test
    void everyCall_isHandedToTheAnswerListener_withWhatWasAnswered() throws Exception {
        // GIVEN a listener of answers
        List<SlackApiStub.Answer> answers = new CopyOnWriteArrayList<>();
        stub.onAnswer(answers::add);

        // WHEN one call succeeds and one is refused
        postForm("chat.postMessage", "channel=C0WARROOM&text=ok");
        postForm("chat.postMessage", "channel=C0NOWHERE&text=lost");

        // THEN each answer reached the listener with its call, as the caller got it
        assertEquals(2, answers.size());
        assertEquals("C0WARROOM", answers.get(0).call().param("channel"));
        assertTrue(JSON.readTree(answers.get(0).json()).path("ok").asBoolean());
        assertEquals("channel_not_found", JSON.readTree(answers.get(1).json()).path("error").asText());
        assertEquals(200, answers.get(1).httpStatus());
    }

    @Test
    void jsonBodyTopLevelFieldsAsStrings() throws Exception {
        postJson("views.publish", "{\"user_id\":\"U0ALICE\",\"view\":{\"type\":\"home\",\"blocks\":[]},\"n\":3,\"x\":null}");
        SlackApiStub.Call call = stub.calls("views.publish").get(0);
        assertEquals("U0ALICE", call.param("user_id"));
        assertEquals("{\"type\":\"home\",\"blocks\":[]}", call.param("view"));
        assertEquals("3", call.param("n"));
        assertFalse(call.params().containsKey("x"));
    }

    /** The answers of a lenient stub, which models no workspace: any channel, any view is fine. */
    @Test
    void defaultResponsesForTheMethodsHikeshiCalls_whenLenient() throws Exception {
        stub.close();
        stub = SlackApiStub.lenient();
        JsonNode auth = JSON.readTree(postForm("auth.test", "").body());
        assertEquals("T0HIKESHI", auth.get("team_id").asText());
        assertEquals("U0BOT", auth.get("user_id").asText());
        assertEquals("B0BOT", auth.get("bot_id").asText());

        JsonNode link = JSON.readTree(postForm("chat.getPermalink", "channel=C0WARROOM&message_ts=1795403600.000200").body());
        assertEquals("https://hikeshi-demo.slack.com/archives/C0WARROOM/p1795403600000200", link.get("permalink").asText());

        JsonNode history = JSON.readTree(postForm("conversations.history",
                "channel=C0WARROOM&latest=1795403600.000200&inclusive=true&limit=1").body());
        assertEquals("1795403600.000200", history.at("/messages/0/ts").asText());
        assertEquals("U0ALICE", history.at("/messages/0/user").asText());
        assertEquals("Rolled back payment-api to v1.42.0; 5xx back to normal", history.at("/messages/0/text").asText());

        JsonNode replies = JSON.readTree(postForm("conversations.replies", "channel=C0WARROOM&ts=1795403601.000300").body());
        assertEquals("1795403601.000300", replies.at("/messages/0/ts").asText());

        JsonNode user = JSON.readTree(postForm("users.info", "user=U0ALICE&include_locale=true").body());
        assertEquals("ja-JP", user.at("/user/locale").asText());
        assertEquals("Asia/Tokyo", user.at("/user/tz").asText());

        JsonNode view = JSON.readTree(postForm("views.open",
                "trigger_id=1.2.abc&view=" + java.net.URLEncoder.encode(
                        "{\"type\":\"modal\",\"callback_id\":\"declare_incident\",\"private_metadata\":\"{}\"}",
                        java.nio.charset.StandardCharsets.UTF_8)).body());
        assertTrue(view.at("/view/id").asText().startsWith("V"));
        assertEquals("modal", view.at("/view/type").asText());
        assertEquals("declare_incident", view.at("/view/callback_id").asText());
        assertFalse(view.at("/view/hash").asText().isEmpty());

        JsonNode created = JSON.readTree(postForm("conversations.create", "name=inc-0043-checkout&is_private=false").body());
        String id = created.at("/channel/id").asText();
        assertTrue(id.startsWith("C"));
        assertEquals("inc-0043-checkout", created.at("/channel/name").asText());
        JsonNode info = JSON.readTree(postForm("conversations.info", "channel=" + id).body());
        assertEquals("inc-0043-checkout", info.at("/channel/name").asText());

        assertTrue(JSON.readTree(postForm("bookmarks.add", "channel_id=" + id + "&title=Runbook&type=link&link=https%3A%2F%2Fexample.com").body())
                .at("/bookmark/id").asText().startsWith("Bk"));
        assertTrue(JSON.readTree(postForm("usergroups.users.list", "usergroup=S0ONCALL").body()).get("users").isArray());

        HttpResponse<String> unknown = postForm("chat.scheduleMeAPizza", "");
        assertEquals(200, unknown.statusCode());
        assertEquals("{\"ok\":false,\"error\":\"unknown_method\"}", unknown.body());
    }

    @Test
    void getWithQueryStringWorksToo() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(stub.methodsUrlPrefix() + "users.info?user=U0BOB")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("U0BOB", JSON.readTree(response.body()).at("/user/id").asText());
        assertEquals("U0BOB", stub.calls("users.info").get(0).param("user"));
    }

    @Test
    void respondOverridesTheDefault() throws Exception {
        stub.respond("chat.postMessage", "{\"ok\":false,\"error\":\"not_in_channel\"}");
        assertEquals("{\"ok\":false,\"error\":\"not_in_channel\"}", postForm("chat.postMessage", "channel=C0GENERAL&text=hi").body());
        assertEquals("{\"ok\":false,\"error\":\"not_in_channel\"}", postForm("chat.postMessage", "channel=C0GENERAL&text=hi").body());
        stub.reset();
        assertTrue(JSON.readTree(postForm("chat.postMessage", "channel=C0GENERAL&text=hi").body()).get("ok").asBoolean());
    }

    @Test
    void failNextGives429WithRetryAfterThenRecovers() throws Exception {
        stub.failNext("chat.postMessage", 2, 429, 1);

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> limited = postForm("chat.postMessage", "channel=C0WARROOM&text=hi");
            assertEquals(429, limited.statusCode());
            assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("{\"ok\":false,\"error\":\"ratelimited\"}", limited.body());
        }
        // other methods are not affected
        assertEquals(200, postForm("auth.test", "").statusCode());

        HttpResponse<String> recovered = postForm("chat.postMessage", "channel=C0WARROOM&text=hi");
        assertEquals(200, recovered.statusCode());
        assertTrue(recovered.headers().firstValue("Retry-After").isEmpty());
        assertTrue(JSON.readTree(recovered.body()).get("ok").asBoolean());
        assertEquals(3, stub.calls("chat.postMessage").size(), "failed calls are recorded too");

        stub.failNext("views.open", 1, 500, null);
        HttpResponse<String> serverError = postForm("views.open", "trigger_id=x&view=%7B%7D");
        assertEquals(500, serverError.statusCode());
        assertTrue(serverError.headers().firstValue("Retry-After").isEmpty());
        assertEquals(200, postForm("views.open", "trigger_id=x&view=%7B%7D").statusCode());
    }

    @Test
    void latency_holdsTheAnswerForTheConfiguredTime_afterTheWorkIsDone_andZeroHoldsNothing() throws Exception {
        // GIVEN a latency of 150 ms, spent by a pause that records what it was asked to hold and waits to be released
        List<String> held = new CopyOnWriteArrayList<>();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        stub.pauseWith((call, latency) -> {
            held.add(call.method() + " " + latency.toMillis() + " ms");
            holding.countDown();
            release.await();
        });
        stub.latency(Duration.ofMillis(150));

        // WHEN a channel is created
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(form("conversations.create", "name=inc-0043-checkout"),
                HttpResponse.BodyHandlers.ofString());
        holding.await();

        // THEN while the answer is held, the channel already exists (the work is done) and nothing was answered
        assertEquals(List.of("conversations.create 150 ms"), held);
        assertFalse(answer.isDone(), "the answer waits for the pause");
        stub.latency(Duration.ZERO);
        JsonNode list = JSON.readTree(postForm("conversations.list", "").body());
        assertTrue(list.toString().contains("\"name\":\"inc-0043-checkout\""), list.toString());
        release.countDown();
        assertEquals(200, answer.get().statusCode());
        assertEquals("inc-0043-checkout", JSON.readTree(answer.get().body()).at("/channel/name").asText());

        // AND with the latency back at zero the pause is never asked to hold anything
        assertEquals(List.of("conversations.create 150 ms"), held, "conversations.list was answered without a pause");
    }

    @Test
    void latency_holdsConcurrentCallsTogether_notOneAfterAnother() throws Exception {
        // GIVEN a latency whose pause lets no answer go until all 20 calls are being held at once
        int calls = 20;
        CountDownLatch allHeld = new CountDownLatch(calls);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeldAtOnce = new AtomicInteger();
        stub.pauseWith((call, latency) -> {
            mostHeldAtOnce.accumulateAndGet(holding.incrementAndGet(), Math::max);
            allHeld.countDown();
            // A stub that served calls one at a time would never get here 20 times: this bound only ends such a run.
            allHeld.await(30, TimeUnit.SECONDS);
            holding.decrementAndGet();
        });
        stub.latency(Duration.ofMillis(200));

        // WHEN 20 calls are made at once
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            inFlight.add(http.sendAsync(HttpRequest.newBuilder(URI.create(stub.methodsUrlPrefix() + "auth.test"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }

        // THEN every call was answered, and all 20 were held at the same time
        for (var f : inFlight) {
            assertEquals(200, f.get().statusCode());
        }
        assertEquals(calls, mostHeldAtOnce.get(), "calls held together");
        assertEquals(calls, stub.calls("auth.test").size());
    }

    @Test
    void signerMatchesSlacksDocumentedExample() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        Map<String, String> headers = SlackSigner.headers("8f742231b10e8888abcd99yyyzzz85a5", 1531420618L, body);
        assertEquals("1531420618", headers.get("X-Slack-Request-Timestamp"));
        assertEquals("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                headers.get("X-Slack-Signature"));
        assertEquals(List.of("X-Slack-Request-Timestamp", "X-Slack-Signature"), List.copyOf(headers.keySet()));
        assertNotEquals(headers.get("X-Slack-Signature"),
                SlackSigner.headers("8f742231b10e8888abcd99yyyzzz85a5", 1531420619L, body).get("X-Slack-Signature"));
    }

    @Test
    void formAndPayloadBodiesAreEncodedLikeSlack() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("command", "/incident");
        form.put("text", "note Rolled back payment-api");
        form.put("response_url", "https://hooks.slack.com/commands/T0HIKESHI/1/abc");
        assertEquals("command=%2Fincident&text=note+Rolled+back+payment-api"
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0HIKESHI%2F1%2Fabc", SlackSigner.formBody(form));
        assertEquals("payload=%7B%22type%22%3A%22block_actions%22%7D", SlackSigner.payloadBody("{\"type\":\"block_actions\"}"));
    }
}
