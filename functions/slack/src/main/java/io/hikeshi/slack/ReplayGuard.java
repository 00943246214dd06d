package io.hikeshi.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.hikeshi.core.access.Replays;
import java.time.Duration;
import java.util.Map;

/**
 * Refuses a signed Slack request seen before. Runs after Bolt's signature check, so only genuine
 * requests are counted; a second sighting of a signature (unique per timestamp and body) gets 401.
 *
 * <p>Slack's own retries of Events API deliveries (X-Slack-Retry-Num) are let through: events are
 * idempotent by design, and refusing a retry whose first attempt failed would lose it.
 */
public final class ReplayGuard implements Middleware {

    /** Slack's signatures are valid for 5 minutes; one more covers clocks that differ a little. */
    private static final Duration WINDOW = Duration.ofMinutes(6);

    private final Replays replays;

    public ReplayGuard(Replays replays) {
        this.replays = replays;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getRequestType() == RequestType.SSLCheck || req.getRequestType() == RequestType.UrlVerification) {
            return chain.next(req);
        }
        String signature = req.getHeaders().getFirstValue("X-Slack-Signature");
        boolean slackRetry = req.getHeaders().getFirstValue("X-Slack-Retry-Num") != null
                && req.getRequestType() == RequestType.Event;
        if (signature != null && !slackRetry && replays.seenBefore(signature, WINDOW)) {
            return Response.json(401, Map.of("error", "replayed request"));
        }
        return chain.next(req);
    }
}
