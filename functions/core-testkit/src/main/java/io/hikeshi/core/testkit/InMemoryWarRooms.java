package io.hikeshi.core.testkit;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.core.warroom.WarRoomRepository;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** {@link WarRoomRepository} in memory, with the conditions of the DynamoDB adapter: first claim, channel and card win. */
final class InMemoryWarRooms implements WarRoomRepository {

    private final Tables t;

    InMemoryWarRooms(Tables tables) {
        this.t = tables;
    }

    @Override
    public Optional<WarRoom> find(IncidentId incident) {
        synchronized (t) {
            return Optional.ofNullable(t.warRooms.get(incident));
        }
    }

    @Override
    public WarRoom claim(IncidentId incident, String channelName) {
        synchronized (t) {
            WarRoom room = stored(incident);
            return room.channelName() != null ? room
                    : put(new WarRoom(incident, channelName, room.channelId(), room.cardTs(), room.done()));
        }
    }

    @Override
    public WarRoom recordChannel(IncidentId incident, String channelName, String channelId) {
        synchronized (t) {
            t.channels.put(channelId, incident);
            WarRoom room = stored(incident);
            return room.hasChannel() && !room.channelId().equals(channelId) ? room
                    : put(new WarRoom(incident, channelName, channelId, room.cardTs(), room.done()));
        }
    }

    @Override
    public WarRoom recordCard(IncidentId incident, String cardTs) {
        synchronized (t) {
            WarRoom room = stored(incident);
            return room.cardTs() != null && !room.cardTs().equals(cardTs) ? room
                    : put(new WarRoom(incident, room.channelName(), room.channelId(), cardTs, room.done()));
        }
    }

    @Override
    public void recordDone(IncidentId incident, String step) {
        synchronized (t) {
            WarRoom room = stored(incident);
            Set<String> done = new HashSet<>(room.done());
            done.add(step);
            put(new WarRoom(incident, room.channelName(), room.channelId(), room.cardTs(), done));
        }
    }

    @Override
    public Optional<IncidentId> incidentForChannel(String channelId) {
        synchronized (t) {
            return Optional.ofNullable(t.channels.get(channelId));
        }
    }

    private WarRoom stored(IncidentId incident) {
        return t.warRooms.getOrDefault(incident, WarRoom.unclaimed(incident));
    }

    private WarRoom put(WarRoom room) {
        t.warRooms.put(room.incident(), room);
        return room;
    }
}
