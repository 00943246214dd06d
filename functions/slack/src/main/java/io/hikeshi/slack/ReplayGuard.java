package io.hikeshi.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.hikeshi.core.store.Storage;
import java.time.Clock;
import java.time.Duration;

/**
 * Refuses a signed Slack request seen before. Runs after Bolt's signature check, so only genuine
 * requests are counted: the signature (unique per timestamp and body) is recorded with an atomic
 * counter that expires after the 5-minute signature window; a second sighting gets 401.
 *
 * <p>Slack's own retries of Events API deliveries (X-Slack-Retry-Num) are let through: events are
 * idempotent by design, and refusing a retry whose first attempt failed would lose it.
 */
public final class ReplayGuard implements Middleware {

    private static final Duration WINDOW = Duration.ofMinutes(6);

    private final Storage store;
    private final Clock clock;

    public ReplayGuard(Storage store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getRequestType() == RequestType.SSLCheck || req.getRequestType() == RequestType.UrlVerification) {
            return chain.next(req);
        }
        String signature = req.getHeaders().getFirstValue("X-Slack-Signature");
        boolean slackRetry = req.getHeaders().getFirstValue("X-Slack-Retry-Num") != null
                && req.getRequestType() == RequestType.Event;
        if (signature != null && !slackRetry && store.counters().increment("SLACKSIG#" + signature, clock.instant().plus(WINDOW)) > 1) {
            return Response.json(401, java.util.Map.of("error", "replayed request"));
        }
        return chain.next(req);
    }
}
