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
 * answer) and records a new or changed name; so are the people a request names (a mention in a command that makes
 * them commander or gives them a role, a user picked in a select or a form), once the listener has done its work.
 * Runs after {@link AccessGate}, so only our workspace's requests are read. Slack not answering never stops the
 * request: the name waits for the next one.
 */
public final class LearnNames implements Middleware {

    /** How many people one request may name for their names to be asked (a form picks a handful at most). */
    static final int NAMED_PER_REQUEST = 5;

    private final SlackPeople people;

    public LearnNames(SlackPeople people) {
        this.people = people;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        RequestType type = req.getRequestType();
        if (type == RequestType.SSLCheck || type == RequestType.UrlVerification) {
            return chain.next(req);
        }
        RequestOrigin origin = RequestOrigin.of(req);
        learn(origin.userId(), req);
        Response response = chain.next(req);
        // Someone named (a commander by mention, an owner picked in a form) may never act themselves: their name is
        // learned too, once the listener has done its work and before the answer goes back (one users.info each
        // within the cache time). At most a few per request.
        origin.named().stream().filter(user -> !user.equals(origin.userId())).limit(NAMED_PER_REQUEST)
                .forEach(user -> learn(user, req));
        return response;
    }

    private void learn(String user, Request<?> req) {
        if (user == null || user.isBlank()) {
            return;
        }
        try {
            people.profile(user, req.getContext().client());
        } catch (Exception e) {
            Log.warn("users.info failed; the person's name waits for their next request", "user", user,
                    "error", String.valueOf(e.getMessage()));
        }
    }
}
