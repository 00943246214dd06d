package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.response.Response;
import io.hikeshi.slack.SlackHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /slack/events} behind the HTTP API: slash commands, interactivity and the Events API.
 * A thin adapter from payload format 2.0 to Bolt (Bolt's own Lambda handler expects the REST API's
 * format 1.0). Must answer within Slack's 3 seconds; slow work goes to the Slack task queue.
 */
public final class SlackHandler implements RequestStreamHandler {

    private final SlackHttp slack;
    /** The API's own address, from the request: the web page is served by the same HTTP API. */
    private static volatile String apiBaseUrl;

    static String apiBaseUrl() {
        return apiBaseUrl;
    }
    private final ObjectMapper json = new ObjectMapper();

    private SnapStartPriming priming;

    public SlackHandler() {
        this(SlackComposition.fromEnvironment());
        this.priming = SnapStartPriming.register("slack", this::prime);
    }

    public SlackHandler(SlackComposition slack) {
        this.slack = slack.http();
    }

    /**
     * Slack's 3-second limit makes this the hottest path: before SnapStart's snapshot, one slash
     * command goes through the adapter, Bolt's request parsing and its signature check, signed
     * wrongly on purpose so that it is refused there: nothing is written; Slack is at most asked who
     * the bot is (auth.test, a read that warms the Slack client).
     *
     * @return true when Bolt refused it, as it must
     */
    public boolean prime() {
        String body = "command=%2Fincident&text=help&user_id=U0PRIMING&channel_id=C0PRIMING&team_id=T0PRIMING";
        Map<String, List<String>> headers = Map.of("content-type", List.of("application/x-www-form-urlencoded"),
                "x-slack-request-timestamp", List.of(String.valueOf(java.time.Instant.now().getEpochSecond())),
                "x-slack-signature", List.of("v0=" + "0".repeat(64)));
        return slack.handle("/slack/events", headers, body, "127.0.0.1").getStatusCode() == 401;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApiEvent event;
        try {
            event = HttpApiEvent.read(json.readTree(input));
        } catch (IOException | IllegalArgumentException e) {
            Log.error("unreadable API Gateway event", "error", e.getMessage());
            HttpApiEvent.respond(json, output, 400, "application/json", "{\"error\":\"unreadable request\"}");
            return;
        }
        String domain = event.raw().path("requestContext").path("domainName").asText(null);
        if (domain != null) {
            apiBaseUrl = "https://" + domain;
        }
        Response response = slack.handle(event.path(), event.multiHeaders(),
                new String(event.body(), StandardCharsets.UTF_8), event.sourceIp());
        HttpApiEvent.respond(json, output, response.getStatusCode(),
                response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType(), response.getBody());
    }
}
