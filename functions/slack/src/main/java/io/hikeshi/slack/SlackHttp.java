package io.hikeshi.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one HTTP request from Slack through the Bolt app, whatever carried it (API Gateway's
 * payload 2.0 in Lambda, local mode's server): the same code path either way.
 *
 * <p>Order matters: the signature is checked on the raw body before anything parses it, so junk
 * from anyone without the signing secret is a 401 whatever its content type, and no parser sees it.
 * A signed request Bolt does not recognise (such as {@code app_rate_limited}, which Slack sends
 * without a subscription) is answered 200 and logged: Slack may turn event delivery off for an app
 * whose deliveries fail
 * (more than 5% of deliveries in an hour without a 200: https://docs.slack.dev/reference/events/app_rate_limited).
 */
public final class SlackHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final App app;
    private final SlackSignatureCheck signatures;
    private final Supplier<String> botToken;
    private final SlackRequestParser parser;

    /**
     * @param app        a Bolt app with its own request verification turned off (this class checks)
     * @param botToken   the bot token as it is now, given to each request's listeners
     */
    public SlackHttp(App app, SlackSignatureCheck signatures, Supplier<String> botToken) {
        this.app = app;
        this.signatures = signatures;
        this.botToken = botToken;
        this.parser = new SlackRequestParser(app.config());
    }

    public Response handle(String path, Map<String, List<String>> headers, String body, String remoteAddress) {
        RequestHeaders requestHeaders = new RequestHeaders(headers);
        String text = body == null ? "" : body;
        Optional<String> refusal = signatures.refusal(requestHeaders, text);
        if (refusal.isPresent()) {
            Log.warn("slack request refused", "reason", refusal.get(), "bytes", String.valueOf(text.length()));
            return Response.json(401, Map.of("error", "invalid request"));
        }
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(path)
                    .headers(requestHeaders)
                    .requestBody(text)
                    .remoteAddress(remoteAddress)
                    .build());
        } catch (RuntimeException e) {
            Log.error("slack request malformed", e);
            return Response.json(400, Map.of("error", "malformed Slack request"));
        }
        if (request == null) {
            return notHandled(text);
        }
        try {
            // Bolt's single-team authorization takes the context's token before its fixed one.
            request.getContext().setBotToken(botToken.get());
            return app.run(request);
        } catch (com.google.gson.JsonParseException | MalformedSlackPayload e) {
            // Bolt reads some of a payload only when a listener asks for it: a signed body whose fields do not fit
            // Slack's types (an event_time past 2^31), or whose values are not those Hikeshi sent, is malformed,
            // not our failure, and a retry would not mend it.
            Log.error("slack request malformed", e);
            return Response.json(400, Map.of("error", "malformed Slack request"));
        } catch (Exception e) {
            Log.error("slack request failed", e);
            return Response.json(500, Map.of("error", "request failed"));
        }
    }

    /**
     * A signed request of a kind Bolt does not parse. {@code app_rate_limited}
     * (https://docs.slack.dev/reference/events/app_rate_limited) says Slack dropped this workspace's
     * events for a minute; nothing here can fetch them again, so it is logged for people to see.
     */
    private static Response notHandled(String body) {
        JsonNode payload = readJson(body);
        String type = payload.path("type").asText("");
        if ("app_rate_limited".equals(type)) {
            Log.warn("slack rate-limited this app's events", "team", payload.path("team_id").asText(""),
                    "minuteRateLimited", payload.path("minute_rate_limited").asText(""));
        } else {
            Log.warn("slack request not handled", "kind", type.isEmpty() ? "unknown" : type);
        }
        return Response.ok();
    }

    private static JsonNode readJson(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * Runs Slack's request-URL check, signed with the current secret, through the whole path (the
     * signature, Bolt's parsing, its middleware, the answer) before a SnapStart snapshot. It writes
     * nothing and calls no one: the replay guard and Bolt's authorization leave URL checks alone.
     *
     * @return true when the challenge came back, as it must
     */
    public boolean prime() {
        String body = "{\"token\":\"priming\",\"challenge\":\"priming-challenge\",\"type\":\"url_verification\"}";
        Map<String, List<String>> headers = new HashMap<>(signatures.signedHeaders(body));
        headers.put("Content-Type", List.of("application/json"));
        Response response = handle("/slack/events", headers, body, "127.0.0.1");
        return response.getStatusCode() == 200 && String.valueOf(response.getBody()).contains("priming-challenge");
    }

    public App app() {
        return app;
    }
}
