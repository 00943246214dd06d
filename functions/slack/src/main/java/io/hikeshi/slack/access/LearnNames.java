package io.hikeshi.slack.access;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.hikeshi.slack.Log;

/**
 * Whoever acts in Slack is known by name outside it: on every admitted request from a person, {@link SlackPeople}
 * asks users.info (once per person per {@link SlackPeople#TTL}; the gate and the person's language use the same
 * answer) and records a new or changed name. Runs after {@link AccessGate}, so only our workspace's people are learned.
 * Slack not answering never stops the request: the name waits for the next one.
 */
public final class LearnNames implements Middleware {

    private final SlackPeople people;

    public LearnNames(SlackPeople people) {
        this.people = people;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        RequestType type = req.getRequestType();
        if (type != RequestType.SSLCheck && type != RequestType.UrlVerification) {
            String user = RequestOrigin.of(req).userId();
            if (user != null && !user.isBlank()) {
                try {
                    people.profile(user, req.getContext().client());
                } catch (Exception e) {
                    Log.warn("users.info failed; the person's name waits for their next request", "user", user,
                            "error", String.valueOf(e.getMessage()));
                }
            }
        }
        return chain.next(req);
    }
}
