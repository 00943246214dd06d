package io.hikeshi.core.warroom;

import io.hikeshi.core.incident.IncidentId;
import java.util.Objects;

/**
 * Where an incident is fought: its chat channel and the pinned card. The record is claimed before
 * the channel is created, so two deliveries of the same "opened" event cannot create two channels.
 *
 * @param channelName the name chosen for the channel (recorded before creating it)
 * @param channelId   set once the channel exists
 * @param cardTs      the card message, set once it is posted
 * @param version     optimistic-locking version; 0 when not stored yet
 */
public record WarRoom(IncidentId incident, String channelName, String channelId, String cardTs, long version) {

    public WarRoom {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(channelName, "channelName");
    }

    public WarRoom withChannel(String name, String id) {
        return new WarRoom(incident, name, id, cardTs, version);
    }

    public WarRoom withCard(String ts) {
        return new WarRoom(incident, channelName, channelId, ts, version);
    }

    public WarRoom stored(long newVersion) {
        return new WarRoom(incident, channelName, channelId, cardTs, newVersion);
    }
}
