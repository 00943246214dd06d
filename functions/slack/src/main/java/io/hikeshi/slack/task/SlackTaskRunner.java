package io.hikeshi.slack.task;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.warroom.WarRoomChannels;
import io.hikeshi.slack.LocaleResolver;
import io.hikeshi.slack.access.PrivateIncidents;
import io.hikeshi.slack.views.GuideChecklistView;
import io.hikeshi.slack.views.HomeView;
import io.hikeshi.slack.views.IncidentViews;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.SlackLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Runs {@link SlackTask}s: the Slack calls that would not fit in the 3-second answer. */
public final class SlackTaskRunner {

    private final IncidentService incidents;
    private final PostmortemService postmortems;
    private final WarRoomChannels warRooms;
    private final PrivateIncidents privateIncidents;
    private final MethodsClient slack;
    private final LocaleResolver locales;

    public SlackTaskRunner(IncidentService incidents, PostmortemService postmortems, WarRoomChannels warRooms,
                           MethodsClient slack, LocaleResolver locales) {
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.warRooms = warRooms;
        this.privateIncidents = new PrivateIncidents(warRooms::channelOf);
        this.slack = slack;
        this.locales = locales;
    }

    public void run(SlackTask task) throws IOException, SlackApiException {
        Messages m = task.locale() != null ? Messages.of(Messages.parseLocale(task.locale()))
                : locales.messagesFor(task.user(), slack);
        switch (task.kind()) {
            case PUBLISH_HOME -> publishHome(task.user(), m);
            case RECORD_PIN -> recordPin(task, m);
            case ANNOUNCE -> {
                Incident incident = incidents.get(IncidentId.parse(task.incident()));
                check(slack.chatPostMessage(r -> r.channel(task.channel()).text(messageText(task))
                        .blocks(IncidentViews.card(m, incident))), "chat.postMessage");
            }
            case REFRESH_CARD -> {
                Incident incident = incidents.get(IncidentId.parse(task.incident()));
                check(slack.chatUpdate(r -> r.channel(task.channel()).ts(task.ts())
                        .text(IncidentViews.cardText(incident)).blocks(IncidentViews.card(m, incident))), "chat.update");
            }
            case REFRESH_GUIDE -> refreshGuide(task, m);
            case POST -> check(slack.chatPostMessage(r -> r.channel(task.channel()).text(messageText(task))), "chat.postMessage");
            case EPHEMERAL -> check(slack.chatPostEphemeral(r -> r.channel(task.channel()).user(task.user())
                    .text(messageText(task))), "chat.postEphemeral");
        }
    }

    /**
     * The person's Home tab as it is now: the open incidents with their war rooms (one batch read for the rooms), and
     * what the person has to finish (one query of the open postmortems). Only this person's own work is read; a
     * private incident is shown only to its war room's members.
     */
    private void publishHome(String user, Messages m) throws IOException, SlackApiException {
        List<Incident> open = privateIncidents.visibleTo(user, incidents.openIncidents(200), slack);
        Map<IncidentId, String> rooms = warRooms.channelsOf(open.stream().limit(HomeView.INCIDENTS_SHOWN)
                .map(Incident::id).toList());
        HomeView.Content content = new HomeView.Content(open, rooms, postmortems.assignedTo(user));
        check(slack.viewsPublish(r -> r.userId(user).view(HomeView.of(m, content))), "views.publish");
    }

    /** A 📌 on a war-room message: fetch it, link it, put it on the timeline once. */
    private void recordPin(SlackTask task, Messages m) throws IOException, SlackApiException {
        var incident = warRooms.incidentOf(task.channel());
        if (incident.isEmpty()) {
            return; // not a war room: a pushpin elsewhere means nothing to Hikeshi
        }
        Message message = fetch(task.channel(), task.ts());
        if (message == null) {
            return; // deleted before we looked: nothing to record
        }
        var permalink = slack.chatGetPermalink(r -> r.channel(task.channel()).messageTs(task.ts()));
        boolean recorded = incidents.recordPinnedMessage(incident.get(), task.channel(), task.ts(), timeOf(task.ts()),
                message.getUser() != null ? message.getUser() : message.getBotId(), message.getText(),
                permalink.isOk() ? permalink.getPermalink() : null, task.user());
        if (recorded) {
            check(slack.chatPostEphemeral(r -> r.channel(task.channel()).user(task.user())
                    .text(Mrkdwn.text(m, "pinned", incident.get()))), "chat.postEphemeral");
        }
    }

    /**
     * The guide's message drawn again as the timeline has its ticks, for everyone. Read from Slack and redrawn in
     * place (its steps as posted), so the guide file may have changed since without changing a posted checklist.
     */
    private void refreshGuide(SlackTask task, Messages m) throws IOException, SlackApiException {
        Message message = fetch(task.channel(), task.ts());
        if (message == null || message.getBlocks() == null) {
            return; // deleted: nothing to redraw
        }
        var state = incidents.guideState(IncidentId.parse(task.incident()), task.channel() + ":" + task.ts());
        check(slack.chatUpdate(r -> r.channel(task.channel()).ts(task.ts())
                .text(SlackLimits.cutMrkdwn(message.getText(), SlackLimits.UPDATE_TEXT))
                .blocks(GuideChecklistView.ticked(m, message.getBlocks(), state))), "chat.update");
    }

    private Message fetch(String channel, String ts) throws IOException, SlackApiException {
        ConversationsHistoryResponse history = slack.conversationsHistory(r -> r.channel(channel).latest(ts)
                .inclusive(true).limit(1));
        List<Message> messages = history.isOk() && history.getMessages() != null ? history.getMessages() : List.of();
        if (!messages.isEmpty() && ts.equals(messages.get(0).getTs())) {
            return messages.get(0);
        }
        var replies = slack.conversationsReplies(r -> r.channel(channel).ts(ts).latest(ts).inclusive(true).limit(1));
        return replies.isOk() && replies.getMessages() != null && !replies.getMessages().isEmpty()
                ? replies.getMessages().get(0) : null;
    }

    /** A task's words as a message takes them (its text was made before it was queued: cut here, in one place). */
    private static String messageText(SlackTask task) {
        return SlackLimits.cutMrkdwn(task.text(), SlackLimits.MESSAGE_TEXT);
    }

    /** Slack message timestamps are seconds.micros since the epoch, as text. */
    public static Instant timeOf(String ts) {
        BigDecimal seconds = new BigDecimal(ts);
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    private static void check(com.slack.api.methods.SlackApiTextResponse response, String method) {
        if (!response.isOk()) {
            throw new IllegalStateException(method + " failed: " + response.getError());
        }
    }
}
