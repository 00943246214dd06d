package io.hikeshi.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.hikeshi.core.access.Replays;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Runs after the signature check, so only genuine requests are counted.
 *
 * <ul>
 *   <li>A second sighting of a signature (unique per timestamp and body) gets 401. A signature is
 *   accepted while its timestamp is within {@link SlackSignatureCheck#WINDOW} of our clock, either
 *   side, so it is remembered for both windows and a minute for clocks that differ.</li>
 *   <li>An Events API delivery whose {@code event_id} was handled already (Slack retries with
 *   {@code X-Slack-Retry-Num} and a fresh signature when it did not see our 200 in 3 seconds) is
 *   acknowledged with 200 and not processed again.</li>
 * </ul>
 *
 * <p>The event id is recorded after the listener succeeded, never before: a first attempt that
 * failed leaves no record, so Slack's retry is processed in full and nothing accepted is lost. The
 * price is a retry that arrives while the first attempt is still running, which is processed twice;
 * the event listeners are idempotent for that (App Home is redrawn, a pinned message's timeline
 * entry is keyed by its channel and ts). Claiming the id first would lose the event whenever the
 * claiming attempt failed after the claim.
 */
public final class ReplayGuard implements Middleware {

    private static final Duration SIGNATURE_MEMORY = SlackSignatureCheck.WINDOW.multipliedBy(2).plusMinutes(1);
    /**
     * Slack retries an event three times, the last about five minutes after the first attempt
     * (https://docs.slack.dev/apis/events-api/, "Retries"); an hour leaves room for clocks and queues.
     */
    private static final Duration EVENT_MEMORY = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Replays replays;

    public ReplayGuard(Replays replays) {
        this.replays = replays;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getRequestType() == RequestType.SSLCheck || req.getRequestType() == RequestType.UrlVerification) {
            return chain.next(req);
        }
        String eventId = req.getRequestType() == RequestType.Event ? eventId(req.getRequestBodyAsString()) : null;
        String signature = req.getHeaders().getFirstValue("X-Slack-Signature");
        boolean slackRetry = eventId != null && req.getHeaders().getFirstValue("X-Slack-Retry-Num") != null;
        if (signature != null && !slackRetry && replays.seenBefore(signature, SIGNATURE_MEMORY)) {
            return Response.json(401, Map.of("error", "replayed request"));
        }
        if (eventId == null) {
            return chain.next(req);
        }
        if (replays.handled(eventId)) {
            Log.warn("slack event already handled", "eventId", eventId,
                    "retry", String.valueOf(req.getHeaders().getFirstValue("X-Slack-Retry-Num")));
            return Response.ok();
        }
        Response response = chain.next(req);
        if (response.getStatusCode() / 100 == 2) {
            replays.recordHandled(eventId, EVENT_MEMORY);
        }
        return response;
    }

    private static String eventId(String body) {
        try {
            String id = JSON.readTree(body).path("event_id").asText("");
            return id.isBlank() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }
}
