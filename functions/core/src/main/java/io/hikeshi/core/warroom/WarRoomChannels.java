package io.hikeshi.core.warroom;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.store.Storage;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which chat channel is which incident's war room: a command typed in a war room acts on its
 * incident, and a postmortem reminder due today speaks there.
 */
public final class WarRoomChannels {

    private final WarRoomRepository rooms;

    public WarRoomChannels(Storage storage) {
        this.rooms = storage.warRooms();
    }

    /** The incident whose war room this channel is, if it is one. */
    public Optional<IncidentId> incidentOf(String channelId) {
        return channelId == null ? Optional.empty() : rooms.incidentForChannel(channelId);
    }

    /** The incident's war-room channel, once it exists. */
    public Optional<String> channelOf(IncidentId incident) {
        return rooms.find(incident).map(WarRoom::channelId);
    }

    /** The war-room channels of those incidents whose channel exists, read together. */
    public Map<IncidentId, String> channelsOf(Collection<IncidentId> incidents) {
        if (incidents.isEmpty()) {
            return Map.of();
        }
        return rooms.findAll(incidents).values().stream().filter(WarRoom::hasChannel)
                .collect(Collectors.toUnmodifiableMap(WarRoom::incident, WarRoom::channelId));
    }
}
