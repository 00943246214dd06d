package io.hikeshi.core.warroom;

import io.hikeshi.core.incident.IncidentId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * War rooms, one per incident, and which chat channel belongs to which incident. Every record is
 * one conditional or commutative write, so processes racing on the same room agree on one channel
 * and one card, and never lose a step another recorded.
 */
public interface WarRoomRepository {

    Optional<WarRoom> find(IncidentId incident);

    /**
     * The rooms of those incidents that have one (a list of incidents shows their rooms). By default one read each; a
     * store that can read many keys at once does so.
     */
    default Map<IncidentId, WarRoom> findAll(Collection<IncidentId> incidents) {
        Map<IncidentId, WarRoom> found = new HashMap<>();
        incidents.forEach(id -> find(id).ifPresent(room -> found.put(id, room)));
        return found;
    }

    /**
     * Claims the room under {@code channelName} unless it was claimed before: the first claim's name
     * wins. Returns the room as stored, with whatever earlier attempts recorded.
     */
    WarRoom claim(IncidentId incident, String channelName);

    /**
     * Records the room's channel and links the channel to the incident, unless another channel was
     * recorded first. Returns the room as stored (then with the other channel).
     */
    WarRoom recordChannel(IncidentId incident, String channelName, String channelId);

    /** Records the card's message unless another card was recorded first; returns the room as stored. */
    WarRoom recordCard(IncidentId incident, String cardTs);

    /** Records a step as done; concurrent records of different steps are all kept. */
    void recordDone(IncidentId incident, String step);

    /** The incident whose war room is this chat channel, if any. */
    Optional<IncidentId> incidentForChannel(String channelId);
}
