package io.hikeshi.core.warroom;

import io.hikeshi.core.incident.IncidentId;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where an incident is fought: its chat channel, the pinned card, and the steps already done there.
 * The room is claimed (its channel name recorded) before the channel is created, so two deliveries of
 * the same "opened" event cannot create two channels; each later record says how far building got, so
 * a retry resumes there.
 *
 * @param channelName the name claimed for the channel; null while unclaimed (an announcement of a
 *                    later event can be recorded before the room is built, when events arrive out of order)
 * @param channelId   set once the channel exists (with its topic set and owners invited)
 * @param cardTs      the card message, set once it is posted and pinned
 * @param done        the steps done once ({@link WarRoomService}): a retry skips them
 */
public record WarRoom(IncidentId incident, String channelName, String channelId, String cardTs, Set<String> done) {

    public WarRoom {
        Objects.requireNonNull(incident, "incident");
        done = Set.copyOf(done);
    }

    /** An incident whose room nobody has claimed or recorded anything for yet. */
    public static WarRoom unclaimed(IncidentId incident) {
        return new WarRoom(incident, null, null, null, Set.of());
    }

    public boolean hasChannel() {
        return channelId != null;
    }

    public boolean isDone(String step) {
        return done.contains(step);
    }

    public WarRoom withDone(String step) {
        Set<String> steps = new HashSet<>(done);
        steps.add(step);
        return new WarRoom(incident, channelName, channelId, cardTs, steps);
    }
}
