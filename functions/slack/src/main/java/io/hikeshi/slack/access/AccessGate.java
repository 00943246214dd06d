package io.hikeshi.slack.access;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.hikeshi.core.access.ActionPolicy;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.slack.LocaleResolver;
import io.hikeshi.slack.Log;
import io.hikeshi.slack.MalformedSlackPayload;
import io.hikeshi.slack.task.SlackTask;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who may talk to this app at all, checked on every request after Bolt has verified Slack's signature and before
 * any listener runs: it must come from the configured workspace (or, when none is configured, the bot token's own,
 * as auth.test says), and its person must not be a guest unless guests are allowed.
 *
 * <p>A refused request changes nothing. A slash command is answered with an ephemeral sentence and a modal with the
 * sentence on its inputs; a guest's click is answered with an ephemeral message after the answer. An event, or a
 * click from another workspace, gets a bare 200 (Slack retries anything else; there is nobody of ours to tell) and a
 * log line.
 */
public final class AccessGate implements Middleware {

    private final Workspace configured;
    private final ActionPolicy policy;
    private final SlackPeople people;
    private final LocaleResolver locales;
    private final Consumer<SlackTask> later;

    /**
     * @param configured the workspace to admit; null: the bot token's own, from auth.test
     * @param later      runs a Slack task after the answer
     */
    public AccessGate(Workspace configured, ActionPolicy policy, SlackPeople people, LocaleResolver locales,
                      Consumer<SlackTask> later) {
        this.configured = configured;
        this.policy = policy;
        this.people = people;
        this.locales = locales;
        this.later = later;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        RequestType type = req.getRequestType();
        if (type == RequestType.SSLCheck || type == RequestType.UrlVerification) {
            return chain.next(req);
        }
        RequestOrigin origin = RequestOrigin.of(req);
        if (origin.userId() == null && type != RequestType.Event) {
            // a command or interaction always names who did it; every check and record below needs that person
            throw new MalformedSlackPayload("a request that names who acted", type.name());
        }
        Workspace expected;
        try {
            expected = configured != null ? configured : Workspace.of(req.getContext().getAuthTestResponse());
        } catch (IllegalStateException e) { // fail closed: without knowing our workspace, nobody is admitted
            Log.error("slack workspace unknown; request refused", e);
            return refuse(type, origin, locales.defaults(), "error.generic", false);
        }
        if (!expected.admits(origin)) {
            Log.warn("slack request from another workspace refused", "requestType", type.name(),
                    "team", String.valueOf(origin.teamId()), "enterprise", String.valueOf(origin.enterpriseId()),
                    "userTeam", String.valueOf(origin.userTeamId()));
            return refuse(type, origin, locales.defaults(), "access.foreign.workspace", false);
        }
        if (origin.userId() != null && !policy.guestsAllowed()) {
            boolean guest;
            try {
                guest = people.isGuest(origin.userId(), req.getContext().client());
            } catch (Exception e) { // fail closed: nobody is taken for a member unasked
                Log.error("slack users.info failed; request refused", e);
                return refuse(type, origin, locales.defaults(), "error.generic", false);
            }
            if (guest) {
                Log.warn("slack request from a guest refused", "requestType", type.name(), "user", origin.userId());
                Messages m = locales.messagesFor(origin.userId(), req.getContext().client());
                return refuse(type, origin, m, "access.guest", true);
            }
        }
        return chain.next(req);
    }

    private Response refuse(RequestType type, RequestOrigin origin, Messages m, String key, boolean ourPerson) {
        String text = m.get(key);
        return switch (type) {
            case Command -> Response.json(200, Map.of("response_type", "ephemeral", "text", text));
            case ViewSubmission -> origin.inputBlocks().isEmpty() ? Response.ok() : Response.json(200,
                    Map.of("response_action", "errors", "errors", everyInput(origin, text)));
            case BlockAction -> {
                if (ourPerson && origin.channelId() != null) {
                    later.accept(SlackTask.say(false, origin.userId(), origin.channelId(), null, text, m));
                }
                yield Response.ok();
            }
            default -> Response.ok();
        };
    }

    private static Map<String, String> everyInput(RequestOrigin origin, String text) {
        Map<String, String> errors = new LinkedHashMap<>();
        origin.inputBlocks().forEach(block -> errors.put(block, text));
        return errors;
    }
}
