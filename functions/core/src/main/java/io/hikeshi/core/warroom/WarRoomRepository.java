package io.hikeshi.core.warroom;

import io.hikeshi.core.incident.IncidentId;
import java.util.Optional;

/** War rooms, one per incident, and which chat channel belongs to which incident. */
public interface WarRoomRepository {

    Optional<WarRoom> find(IncidentId incident);

    /** Saves the war room only if it is still at the version read (0: only if there is none); false otherwise. */
    boolean save(WarRoom room);

    /** The incident whose war room is this chat channel, if any. */
    Optional<IncidentId> incidentForChannel(String channelId);

    /** Records that {@code channelId} is the war room of {@code incident}; idempotent. */
    void linkChannel(String channelId, IncidentId incident);
}
