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

    private static boolean isMember(String channel, String user, MethodsClient client) {
        return RoomMembers.contains(client, channel, user);
    }

    private static <T> T call(RoomMembers.SlackCall<T> call) {
        return RoomMembers.call(call);
    }
}
