package io.hikeshi.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.slackstub.SlackSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slack's HTTP requests through the adapter into Bolt, signed as Slack signs them. The adapter's
 * signature check runs on the machine's clock here, so every timestamp is taken from now.
 */
class SlackHttpTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String PATH = "/slack/events";

    private SlackApiStub slackApi;
    private Slack slack;
    private SlackHttp http;
    /** What the listeners were given, in order. */
    private final List<String> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        slackApi = SlackApiStub.start(); // Bolt asks auth.test who the bot is before any listener runs
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slackApi.methodsUrlPrefix());
        slack = Slack.getInstance(config);
        App app = new App(AppConfig.builder().requestVerificationEnabled(false).singleTeamBotToken("xoxb-test").slack(slack).build());
        app.command("/incident", (req, ctx) -> {
            var p = req.getPayload();
            heard.add("command " + p.getText() + " by " + p.getUserId() + " from " + req.getClientIpAddress());
            return ctx.ack("heard " + p.getText());
        });
        app.blockAction("acknowledge", (req, ctx) -> {
            heard.add("action " + req.getPayload().getActions().get(0).getValue() + " by " + req.getPayload().getUser().getId());
            return ctx.ack();
        });
        app.viewSubmission("declare", (req, ctx) -> {
            heard.add("view " + req.getPayload().getView().getState().getValues().get("title").get("title").getValue());
            return ctx.ack();
        });
        app.event(AppMentionEvent.class, (req, ctx) -> {
            heard.add("mention " + req.getEvent().getText());
            return ctx.ack();
        });
        http = new SlackHttp(app, new SlackSignatureCheck(() -> SECRET, Clock.systemUTC()), () -> "xoxb-test");
    }

    @AfterEach
    void tearDown() throws Exception {
        slack.close();
        slackApi.close();
    }

    // ---- requests as Slack sends them ----

    private static String slashCommand(String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", SlackApiStub.TEAM_ID);
        form.put("channel_id", "C0WARROOM");
        form.put("user_id", "U0ALICE");
        form.put("command", "/incident");
        form.put("text", text);
        form.put("response_url", "https://hooks.slack.com/commands/T0HIKESHI/1/abc");
        form.put("trigger_id", "1.2.abc");
        return SlackSigner.formBody(form);
    }

    private static Map<String, List<String>> signedHeaders(String body, long epochSeconds, UnaryOperator<String> names) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(names.apply("Content-Type"), List.of("application/x-www-form-urlencoded"));
        SlackSigner.headers(SECRET, epochSeconds, body).forEach((name, value) -> headers.put(names.apply(name), List.of(value)));
        return headers;
    }

    private static Map<String, List<String>> signedNow(String body) {
        return signedHeaders(body, Instant.now().getEpochSecond(), UnaryOperator.identity());
    }

    private Response post(String body, Map<String, List<String>> headers) {
        return http.handle(PATH, headers, body, "192.0.2.10");
    }

    // ---- a valid signature reaches the app ----

    @Test
    void slashCommand_signedLikeSlack_reachesTheListener_withItsFormFieldsDecoded() throws Exception {
        // GIVEN a slash command whose text has Japanese, spaces, '&', '=' and '%' (all form-encoded)
        String body = slashCommand("declare 決済 API & 5xx = 100%");

        // WHEN it arrives signed with the app's secret
        Response response = post(body, signedNow(body));

        // THEN the listener got the text as typed, and Slack gets the listener's answer
        assertEquals(200, response.getStatusCode());
        assertEquals(List.of("command declare 決済 API & 5xx = 100% by U0ALICE from 192.0.2.10"), heard);
        assertEquals("heard declare 決済 API & 5xx = 100%", new ObjectMapper().readTree(response.getBody()).path("text").asText());
    }

    @Test
    void blockAction_payloadForm_isUrlDecodedIntoTheAction() {
        // GIVEN a button press, posted as payload=<url-encoded JSON>
        String body = SlackSigner.payloadBody("""
                {"type":"block_actions","team":{"id":"T0HIKESHI","domain":"hikeshi-demo"},
                 "user":{"id":"U0BOB","team_id":"T0HIKESHI"},"api_app_id":"A0HIKESHI","trigger_id":"1.2.abc",
                 "channel":{"id":"C0WARROOM"},
                 "actions":[{"type":"button","action_id":"acknowledge","block_id":"card","value":"INC-0042 & more",
                             "action_ts":"1795403567.000100"}]}""");

        // WHEN it arrives signed
        Response response = post(body, signedNow(body));

        // THEN the action's listener sees the value and the presser
        assertEquals(200, response.getStatusCode());
        assertEquals(List.of("action INC-0042 & more by U0BOB"), heard);
    }

    @Test
    void viewSubmission_payloadWithJapaneseInput_reachesTheListener() {
        // GIVEN a modal submitted with a Japanese title
        String body = SlackSigner.payloadBody("""
                {"type":"view_submission","team":{"id":"T0HIKESHI"},"user":{"id":"U0ALICE","team_id":"T0HIKESHI"},
                 "api_app_id":"A0HIKESHI","trigger_id":"1.2.abc",
                 "view":{"id":"V0001","type":"modal","callback_id":"declare","team_id":"T0HIKESHI",
                         "state":{"values":{"title":{"title":{"type":"plain_text_input","value":"決済が遅延 (5xx)"}}}}}}""");

        // WHEN it arrives signed
        Response response = post(body, signedNow(body));

        // THEN the view's listener reads the input as typed
        assertEquals(200, response.getStatusCode());
        assertEquals(List.of("view 決済が遅延 (5xx)"), heard);
    }

    @Test
    void eventCallback_json_reachesTheEventListener() {
        // GIVEN an Events API delivery (JSON body)
        String body = """
                {"token":"legacy","team_id":"T0HIKESHI","api_app_id":"A0HIKESHI","type":"event_callback",
                 "event_id":"Ev0001","event_time":1795403567,
                 "event":{"type":"app_mention","user":"U0ALICE","text":"<@U0BOT> 状況は?","channel":"C0WARROOM",
                          "ts":"1795403567.000100","event_ts":"1795403567.000100"}}""";
        Map<String, List<String>> headers = signedNow(body);
        headers.put("Content-Type", List.of("application/json"));

        // WHEN it arrives signed
        Response response = post(body, headers);

        // THEN the event's listener has it
        assertEquals(200, response.getStatusCode());
        assertEquals(List.of("mention <@U0BOT> 状況は?"), heard);
    }

    @Test
    void urlVerification_answersTheChallenge() {
        // GIVEN Slack checking the Events API request URL
        String body = "{\"token\":\"legacy\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";

        // WHEN it arrives signed
        Response response = post(body, signedNow(body));

        // THEN the challenge is echoed, and no listener is involved
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody().contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), response.getBody());
        assertTrue(heard.isEmpty());
    }

    @Test
    void clientAddress_isTheForwardedOne_whenAProxyNamesIt() {
        // GIVEN a signed command that came through a proxy naming the caller
        String body = slashCommand("list");
        Map<String, List<String>> headers = signedNow(body);
        headers.put("X-Forwarded-For", List.of("203.0.113.7"));

        // WHEN it arrives
        post(body, headers);

        // THEN the listener sees the caller's address, not the proxy's
        assertEquals(List.of("command list by U0ALICE from 203.0.113.7"), heard);
    }

    // ---- what is refused ----

    @Test
    void wrongSecret_gets401_andReachesNoListener() {
        // GIVEN a command signed with another secret
        String body = slashCommand("resolve INC-0042");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        SlackSigner.headers("not-the-secret", Instant.now().getEpochSecond(), body)
                .forEach((name, value) -> headers.put(name, List.of(value)));

        // WHEN it arrives
        Response response = post(body, headers);

        // THEN refused before any listener
        assertEquals(401, response.getStatusCode());
        assertTrue(heard.isEmpty());
    }

    @Test
    void bodyChangedAfterSigning_gets401_andReachesNoListener() {
        // GIVEN a command signed, then altered on the way
        String signed = slashCommand("note all good");
        String altered = slashCommand("resolve INC-0042");

        // WHEN the altered body arrives with the original signature
        Response response = post(altered, signedNow(signed));

        // THEN refused
        assertEquals(401, response.getStatusCode());
        assertTrue(heard.isEmpty());
    }

    @Test
    void staleSignature_outsideSlacksFiveMinutes_gets401_andReachesNoListener() {
        // GIVEN a correctly signed command whose timestamp is six minutes old (a replay)
        String body = slashCommand("resolve INC-0042");
        long sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();

        // WHEN it arrives
        Response response = post(body, signedHeaders(body, sixMinutesAgo, UnaryOperator.identity()));

        // THEN refused
        assertEquals(401, response.getStatusCode());
        assertTrue(heard.isEmpty());
    }

    @Test
    void unsignedRequest_gets401_andReachesNoListener() {
        // GIVEN a command without Slack's headers
        String body = slashCommand("list");

        // WHEN it arrives
        Response response = post(body, Map.of("Content-Type", List.of("application/x-www-form-urlencoded")));

        // THEN refused
        assertEquals(401, response.getStatusCode());
        assertTrue(heard.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lower", "UPPER", "As-Sent"})
    void headerNames_areMatchedWhateverTheirCase(String style) {
        // GIVEN a signed command whose header names arrive in some case (API Gateway lower-cases them)
        String body = slashCommand("list");
        UnaryOperator<String> names = switch (style) {
            case "lower" -> name -> name.toLowerCase(Locale.ROOT);
            case "UPPER" -> name -> name.toUpperCase(Locale.ROOT);
            default -> UnaryOperator.identity();
        };

        // WHEN it arrives
        Response response = post(body, signedHeaders(body, Instant.now().getEpochSecond(), names));

        // THEN the signature is found and the listener runs
        assertEquals(200, response.getStatusCode());
        assertEquals(1, heard.size());
    }

    @Test
    void base64Body_isNotDecodedHere_soItsSignatureFails_401() {
        // GIVEN a signed command still base64-encoded, as API Gateway's payload 2.0 may carry it
        // (decoding is the carrier's job: HttpApiEvent in functions/handlers, before calling the adapter)
        String body = slashCommand("resolve INC-0042");
        String encoded = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));

        // WHEN the encoded text is handed over as the body
        Response response = post(encoded, signedNow(body));

        // THEN the signature does not match what arrived: refused before any parsing
        assertEquals(401, response.getStatusCode());
        assertTrue(heard.isEmpty());
    }

    @Test
    void signedJsonOfNoKnownKind_isAcknowledged200_andReachesNoListener() {
        // GIVEN a signed JSON body that is none of the kinds Bolt knows (Slack may add kinds)
        String body = "{\"hello\":\"world\"}";

        // WHEN it arrives
        Response response = post(body, signedNow(body));

        // THEN 200 with nothing in it: a failure would count against the app's delivery rate
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody() == null || response.getBody().isEmpty(), response.getBody());
        assertTrue(heard.isEmpty());
    }

    @Test
    void payloadThatIsNotJson_isMalformed_400_withAGenericBody() {
        // GIVEN a signed interaction whose payload does not parse
        String body = "payload=%7Bnot-json";

        // WHEN it arrives
        Response response = post(body, signedNow(body));

        // THEN 400, saying nothing about the parser
        assertEquals(400, response.getStatusCode());
        assertEquals("{\"error\":\"malformed Slack request\"}", response.getBody());
        assertTrue(heard.isEmpty());
    }
}
