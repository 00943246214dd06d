package io.hikeshi.core.testkit;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.core.warroom.WarRoomRepository;
import java.util.Optional;

/** {@link WarRoomRepository} in memory, with its optimistic lock. */
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
    public boolean save(WarRoom room) {
        synchronized (t) {
            return Tables.putIfAtVersion(t.warRooms, room.incident(), room.version(), WarRoom::version,
                    () -> room.stored(room.version() + 1));
        }
    }

    @Override
    public Optional<IncidentId> incidentForChannel(String channelId) {
        synchronized (t) {
            return Optional.ofNullable(t.channels.get(channelId));
        }
    }

    @Override
    public void linkChannel(String channelId, IncidentId incident) {
        synchronized (t) {
            t.channels.put(channelId, incident);
        }
    }
}
