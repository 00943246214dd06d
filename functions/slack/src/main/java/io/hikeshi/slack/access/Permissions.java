package io.hikeshi.slack.access;

import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.access.ActionPolicy;
import io.hikeshi.core.access.ActionPolicy.Action;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import java.util.Optional;
import java.util.function.Function;

/**
 * The core's {@link ActionPolicy} with Slack's answers: whether the person is a guest (users.info, cached) and whether
 * they are in the incident's war room (conversations.members of its channel, asked only when the policy needs it and
 * the person is not the commander). Membership is not cached: someone who just joined the room to help may act at once.
 */
public final class Permissions {

    /** Members per page: "we recommend no more than 200 results at a time" (https://docs.slack.dev/reference/methods/conversations.members). */
    static final int MEMBERS_PAGE = 200;

    private final ActionPolicy policy;
    private final SlackPeople people;
    private final Function<IncidentId, Optional<String>> rooms;

    /** @param rooms an incident's war-room channel, once it exists ({@code WarRoomChannels::channelOf}) */
    public Permissions(ActionPolicy policy, SlackPeople people, Function<IncidentId, Optional<String>> rooms) {
        this.policy = policy;
        this.people = people;
        this.rooms = rooms;
    }

    /**
     * @throws io.hikeshi.core.Refusal saying who may instead; nothing has been changed
     * @throws IllegalStateException   when Slack cannot say who the person is or who is in the room
     */
    public void check(Action action, String user, Incident incident, MethodsClient client) {
        boolean guest = policy.guestsAllowed() ? false : call(() -> people.isGuest(user, client));
        policy.check(action, new ActionPolicy.Actor(user, guest), incident,
                (subject, person) -> rooms.apply(subject.id()).map(channel -> isMember(channel, person, client)));
    }

    private boolean isMember(String channel, String user, MethodsClient client) {
        String cursor = null;
        do {
            String from = cursor;
            var page = call(() -> client.conversationsMembers(r -> r.channel(channel).limit(MEMBERS_PAGE).cursor(from)));
            if (!page.isOk()) {
                throw new IllegalStateException("conversations.members failed: " + page.getError());
            }
            if (page.getMembers() != null && page.getMembers().contains(user)) {
                return true;
            }
            cursor = Optional.ofNullable(page.getResponseMetadata()).map(m -> m.getNextCursor()).orElse(null);
        } while (cursor != null && !cursor.isEmpty());
        return false;
    }

    private interface SlackCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(SlackCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Slack could not answer", e);
        }
    }
}
