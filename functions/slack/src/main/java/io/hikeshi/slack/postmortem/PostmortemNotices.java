package io.hikeshi.slack.postmortem;

import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.core.warroom.WarRoomChannels;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.PostmortemViews;
import io.hikeshi.slack.views.SlackLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Speaks for the postmortem reminders and the weekly digest. A reminder re-reads the postmortem
 * first (through {@link PostmortemService#reminderFired}): a stale one says nothing.
 */
public final class PostmortemNotices {

    /** An action item in the digest: one line, however long its description. */
    private static final int ACTION_ITEM_SHOWN = 300;

    private final PostmortemService postmortems;
    private final WarRoomChannels warRooms;
    private final MethodsClient slack;
    private final SlackCalls calls;
    private final Messages m;
    private final String broadcastChannel;

    /** @param messages the team's language */
    public PostmortemNotices(PostmortemService postmortems, WarRoomChannels warRooms, MethodsClient slack, SlackCalls calls,
                             Messages messages, String broadcastChannel) {
        this.postmortems = postmortems;
        this.warRooms = warRooms;
        this.slack = slack;
        this.calls = calls;
        this.m = messages;
        this.broadcastChannel = broadcastChannel;
    }

    /** @return the channels spoken to (empty when the reminder was stale or a repeat) */
    public List<String> remind(Reminder reminder) {
        Optional<PostmortemService.Notice> notice = postmortems.reminderFired(reminder);
        if (notice.isEmpty()) {
            return List.of();
        }
        PostmortemService.Notice n = notice.get();
        Postmortem pm = n.postmortem();
        String id = pm.incident().toString();
        String missing = PostmortemViews.missingText(m, n.missing());
        String title = pm.title();
        List<String> channels = new ArrayList<>();
        String owner = pm.owner();
        switch (n.audience()) {
            case OWNER -> {
                if (owner != null) {
                    post(owner, Mrkdwn.text(m, "pm.reminder.owner", owner, id, title, pm.due().toString(), missing), channels);
                }
            }
            case WAR_ROOM -> {
                String room = warRooms.channelOf(pm.incident()).orElse(owner);
                if (room != null) {
                    post(room, Mrkdwn.text(m, "pmc.reminder.due", id, title, PostmortemViews.person(m, owner), missing), channels);
                }
            }
            case ESCALATION -> {
                String commander = n.incident().commander();
                String text = Mrkdwn.text(m, "pmc.reminder.overdue", id, title, pm.due().toString(), PostmortemViews.person(m, owner),
                        Mrkdwn.mention(commander, "—"), missing);
                if (commander != null) {
                    post(commander, text, channels);
                }
                if (broadcastChannel != null && !broadcastChannel.isBlank()) {
                    post(broadcastChannel, text, channels);
                }
            }
        }
        postmortems.reminderDelivered(reminder);
        return channels;
    }

    /**
     * A postmortem is drafted: its owner gets the checklist in a direct message, and the war room a line (asking
     * who takes it, when nobody owns it). Each once: a redelivered "resolved" says nothing again.
     *
     * @return the channels spoken to
     */
    public List<String> drafted(IncidentId id, String resolvedBy) {
        Optional<Postmortem> drafted = postmortems.draft(id, resolvedBy);
        List<String> channels = new ArrayList<>();
        if (drafted.isEmpty() || !drafted.get().isOpen()) { // the policy needs none, or it is settled already
            return channels;
        }
        Postmortem pm = drafted.get();
        String inc = id.toString();
        String title = pm.title();
        if (pm.owner() != null && postmortems.toGive(id, PostmortemService.DraftNotice.OWNER)) {
            String text = pm.isReminded() ? Mrkdwn.text(m, "pmc.drafted.owner", pm.owner(), inc, title, pm.due().toString())
                    : Mrkdwn.text(m, "pmp.drafted.owner.optional", pm.owner(), inc, title);
            calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(pm.owner())
                    .text(SlackLimits.cutMrkdwn(text, SlackLimits.MESSAGE_TEXT))
                    .blocks(PostmortemViews.checklist(m, pm, null, text))));
            channels.add(pm.owner());
            postmortems.given(id, PostmortemService.DraftNotice.OWNER);
        }
        Optional<String> room = warRooms.channelOf(id);
        if (room.isPresent() && postmortems.toGive(id, PostmortemService.DraftNotice.WAR_ROOM)) {
            post(room.get(), roomLine(pm), channels);
            postmortems.given(id, PostmortemService.DraftNotice.WAR_ROOM);
        }
        return channels;
    }

    /** The war room's line on a draft: who owns it and when it is due, or that it is optional and never reminded. */
    private String roomLine(Postmortem pm) {
        String inc = pm.incident().toString();
        if (!pm.isReminded()) {
            return Mrkdwn.text(m, "pmp.drafted.room.optional", inc, PostmortemViews.person(m, pm.owner()));
        }
        return pm.owner() == null ? Mrkdwn.text(m, "pmc.drafted.room.unowned", inc, pm.due().toString())
                : Mrkdwn.text(m, "pmc.drafted.room", inc, PostmortemViews.person(m, pm.owner()), pm.due().toString());
    }

    /**
     * The weekly digest: overdue postmortems and open action items of public incidents, to the broadcast channel. However many there are,
     * it is one message: lines past Slack's 40,000 characters are left out and the last line says how many.
     */
    public String digest() {
        // The broadcast channel is shared: private incidents' postmortems stay in their war rooms.
        List<Postmortem> overdue = postmortems.ofPublicIncidents(postmortems.overdue());
        List<ActionItem> items = postmortems.openActionItems(postmortems.ofPublicIncidents(postmortems.open()));
        List<String> lines = new ArrayList<>();
        lines.add(m.get("pm.digest.header"));
        if (overdue.isEmpty() && items.isEmpty()) {
            lines.add(m.get("pm.digest.none"));
        } else {
            lines.add(Mrkdwn.text(m, "pm.digest.overdue", overdue.size()));
            overdue.forEach(p -> lines.add(Mrkdwn.text(m, "pmc.digest.line", p.incident(), p.title(),
                    PostmortemViews.person(m, p.owner()), p.due().toString())));
            lines.add(Mrkdwn.text(m, "pm.digest.items", items.size()));
            items.forEach(a -> lines.add(Mrkdwn.text(m, "pmc.digest.item", SlackLimits.cut(a.description(),
                    ACTION_ITEM_SHOWN), PostmortemViews.typeName(m, a.type()), PostmortemViews.person(m, a.owner()),
                    a.due() == null ? "—" : a.due().toString())));
        }
        String text = SlackLimits.pack(lines, SlackLimits.MESSAGE_TEXT, 1, left -> Mrkdwn.text(m, "pm.more", left)).get(0);
        if (broadcastChannel != null && !broadcastChannel.isBlank()) {
            calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(broadcastChannel).text(text)));
        }
        return text;
    }

    private void post(String channel, String text, List<String> channels) {
        calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(channel)
                .text(SlackLimits.cutMrkdwn(text, SlackLimits.MESSAGE_TEXT))));
        channels.add(channel);
    }
}
