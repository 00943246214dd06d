package io.hikeshi.slack.cadence;

import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.cadence.CadenceService;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.core.warroom.WarRoomChannels;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.SlackLimits;
import java.util.List;
import java.util.Optional;

/**
 * Says the update cadence's nudges in the war room: one line to the commander (or asking someone to take
 * command), in the team's language. Whether to speak is the core's ({@link CadenceService#fired}): a stale or
 * repeated nudge says nothing.
 */
public final class UpdateNudges {

    private final CadenceService cadence;
    private final WarRoomChannels warRooms;
    private final MethodsClient slack;
    private final SlackCalls calls;
    private final Messages m;

    /** @param messages the team's language: the war room is the team's */
    public UpdateNudges(CadenceService cadence, WarRoomChannels warRooms, MethodsClient slack, SlackCalls calls,
                        Messages messages) {
        this.cadence = cadence;
        this.warRooms = warRooms;
        this.slack = slack;
        this.calls = calls;
        this.m = messages;
    }

    /**
     * A nudge fired: the line in the war room if it should speak, then the next nudge is set. An incident whose
     * room does not exist (yet) is not nudged this time; the next nudge still comes.
     *
     * @return the channels spoken to (empty when the nudge was stale or a repeat)
     */
    public List<String> nudge(Reminder reminder) {
        Optional<CadenceService.Nudge> nudge = cadence.fired(reminder);
        if (nudge.isEmpty()) {
            return List.of();
        }
        Incident incident = nudge.get().incident();
        Optional<String> room = warRooms.channelOf(incident.id());
        room.ifPresent(channel -> {
            String text = line(nudge.get());
            calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(channel)
                    .text(SlackLimits.cutMrkdwn(text, SlackLimits.MESSAGE_TEXT))));
        });
        cadence.delivered(nudge.get());
        return room.map(List::of).orElse(List.of());
    }

    private String line(CadenceService.Nudge nudge) {
        Incident incident = nudge.incident();
        long minutes = nudge.minutesSilent();
        long every = nudge.interval().toMinutes();
        String severity = incident.severity().name();
        return incident.commander() == null
                ? Mrkdwn.text(m, "cadence.nudge.nobody", incident.id().toString(), minutes, severity, every)
                : Mrkdwn.text(m, "cadence.nudge", Mrkdwn.mention(incident.commander(), "—"), incident.id().toString(),
                        minutes, severity, every);
    }
}
