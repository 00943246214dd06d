package io.hikeshi.slack.access;

import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who sees a private incident in Slack's lists (the Home tab, {@code /incident list}, the "which one?" buttons): the
 * members of its war room (conversations.members, never cached, as for {@link Permissions}). Its commander is one
 * without asking; a private incident whose room is not built yet is seen by its commander alone. A public incident is
 * seen by everyone, with no Slack call.
 */
public final class PrivateIncidents {

    private final Function<IncidentId, Optional<String>> rooms;

    /** @param rooms an incident's war-room channel, once it exists ({@code WarRoomChannels::channelOf}) */
    public PrivateIncidents(Function<IncidentId, Optional<String>> rooms) {
        this.rooms = rooms;
    }

    /** These incidents less the private ones {@code user} is not in the war room of, in their order. */
    public List<Incident> visibleTo(String user, List<Incident> incidents, MethodsClient client) {
        return incidents.stream().filter(incident -> sees(user, incident, client)).toList();
    }

    public boolean sees(String user, Incident incident, MethodsClient client) {
        if (!incident.isPrivate() || user.equals(incident.commander())) {
            return true;
        }
        return rooms.apply(incident.id()).map(channel -> RoomMembers.contains(client, channel, user)).orElse(false);
    }
}
