package io.hikeshi.slack.warroom;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.warroom.ServiceDirectory.ResponseGuide;
import io.hikeshi.core.warroom.WarRoomChat;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.SlackIds.Block;
import io.hikeshi.slack.Log;
import io.hikeshi.slack.views.IncidentViews;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.SlackLimits;
import io.hikeshi.slack.views.WarRoomViews;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The war room in Slack: {@link WarRoomChat} through the Web API, every call made politely
 * ({@link SlackCalls}), in the team's language.
 */
public final class SlackWarRoomChat implements WarRoomChat {

    private static final int PAGE = 200;
    /** Who is in already, or the app itself, is no reason to fail an invitation. */
    private static final Set<String> HARMLESS_INVITE_ERRORS = Set.of("already_in_channel", "cant_invite_self");

    private final MethodsClient slack;
    private final SlackCalls calls;
    private final Messages m;
    private volatile String botUserId;

    /** @param messages the team's language */
    public SlackWarRoomChat(MethodsClient slack, SlackCalls calls, Messages messages) {
        this.slack = slack;
        this.calls = calls;
        this.m = messages;
    }

    @Override
    public NewChannel createChannel(String name, Incident.Visibility visibility) {
        boolean isPrivate = visibility == Incident.Visibility.PRIVATE; // a private channel needs groups:write
        ConversationsCreateResponse created = calls.call("conversations.create",
                () -> slack.conversationsCreate(r -> r.name(name).isPrivate(isPrivate)));
        if (created.isOk()) {
            return new NewChannel.Created(created.getChannel().getId());
        }
        if (!"name_taken".equals(created.getError())) {
            throw new IllegalStateException("conversations.create " + name + " failed: " + created.getError());
        }
        String ours = ownChannelNamed(name, isPrivate ? ConversationType.PRIVATE_CHANNEL : ConversationType.PUBLIC_CHANNEL);
        return ours == null ? new NewChannel.NameTaken() : new NewChannel.MadeEarlier(ours);
    }

    /**
     * A channel of this name and type that this bot created (conversations.list, paged; a private one is listed to
     * the bot because it is a member, with groups:read), or null.
     */
    private String ownChannelNamed(String name, ConversationType type) {
        String bot = botUserId();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse list = calls.require("conversations.list", () -> slack.conversationsList(r -> r
                    .types(List.of(type)).excludeArchived(true).limit(1000).cursor(page)));
            for (Conversation c : list.getChannels()) {
                if (name.equals(c.getName()) && bot.equals(c.getCreator())) {
                    return c.getId();
                }
            }
            cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isBlank());
        return null;
    }

    @Override
    public void setTopic(String channel, Incident incident) {
        calls.require("conversations.setTopic", () -> slack.conversationsSetTopic(r -> r.channel(channel)
                .topic(WarRoomViews.topic(m, incident))));
    }

    @Override
    public void invite(String channel, Set<String> users, Set<String> userGroups) {
        Set<String> everyone = new LinkedHashSet<>(users);
        for (String group : userGroups) {
            var members = calls.require("usergroups.users.list", () -> slack.usergroupsUsersList(r -> r.usergroup(group)));
            if (members.getUsers() != null) {
                everyone.addAll(members.getUsers());
            }
        }
        everyone.removeIf(id -> !Mrkdwn.isUserId(id)); // a monitor that declared is nobody to invite
        everyone.remove(botUserId());
        if (everyone.isEmpty()) {
            return;
        }
        var invited = calls.call("conversations.invite", () -> slack.conversationsInvite(r -> r.channel(channel)
                .users(new ArrayList<>(everyone))));
        if (!invited.isOk() && !HARMLESS_INVITE_ERRORS.contains(invited.getError())) {
            throw new IllegalStateException("conversations.invite failed: " + invited.getError());
        }
    }

    @Override
    public String postCard(String channel, Incident incident) {
        return calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(channel)
                .text(WarRoomViews.welcome(m, incident.id())).blocks(IncidentViews.card(m, incident)))).getTs();
    }

    @Override
    public void updateCard(String channel, String cardTs, Incident incident) {
        calls.require("chat.update", () -> slack.chatUpdate(r -> r.channel(channel).ts(cardTs)
                .text(IncidentViews.cardText(incident)).blocks(IncidentViews.card(m, incident))));
    }

    @Override
    public void pin(String channel, String messageTs) {
        var pinned = calls.call("pins.add", () -> slack.pinsAdd(r -> r.channel(channel).timestamp(messageTs)));
        if (!pinned.isOk() && !"already_pinned".equals(pinned.getError())) {
            throw new IllegalStateException("pins.add failed: " + pinned.getError());
        }
    }

    /** A link longer than Slack takes (2,048 characters) cannot be cut into a working one: it is left out, and said. */
    @Override
    public void addBookmarks(String channel, IncidentId incident, List<Bookmark> bookmarks) {
        for (Bookmark bookmark : bookmarks) {
            if (!WarRoomViews.bookmarkable(bookmark.url())) {
                Log.warn("bookmark left out: its link is over Slack's " + SlackLimits.BOOKMARK_LINK + " characters",
                        "incident", incident.toString(), "kind", bookmark.kind().name());
                continue;
            }
            calls.require("bookmarks.add", () -> slack.bookmarksAdd(r -> r.channelId(channel)
                    .title(WarRoomViews.bookmarkTitle(m, bookmark, incident)).type("link").link(bookmark.url())));
        }
    }

    @Override
    public void postGuide(String channel, IncidentId incident, ResponseGuide guide) {
        calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(channel)
                .text(WarRoomViews.guideHeader(m, guide)).blocks(WarRoomViews.guide(m, incident, guide))));
    }

    /**
     * Reads the channel's history (newest first, paged) for this bot's card and guide of the incident,
     * recognised by their block ids. Only a retry asks, and only of a room it did not make itself.
     */
    @Override
    public EarlierPosts earlierPosts(String channel, IncidentId incident) {
        String bot = botUserId();
        String card = null;
        boolean guide = false;
        String cursor = null;
        do {
            String page = cursor;
            ConversationsHistoryResponse history = calls.require("conversations.history", () -> slack.conversationsHistory(r -> r
                    .channel(channel).limit(PAGE).cursor(page)));
            for (Message message : history.getMessages() == null ? List.<Message>of() : history.getMessages()) {
                if (!bot.equals(message.getUser())) {
                    continue;
                }
                if (card == null && has(message, Block.CARD.of(incident))) {
                    card = message.getTs();
                }
                guide = guide || has(message, Block.GUIDE.of(incident));
            }
            cursor = history.getResponseMetadata() == null ? null : history.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isBlank() && (card == null || !guide));
        return new EarlierPosts(card, guide);
    }

    private static boolean has(Message message, String blockId) {
        List<LayoutBlock> blocks = message.getBlocks();
        return blocks != null && blocks.stream().anyMatch(b -> blockId.equals(b.getBlockId()));
    }

    @Override
    public void broadcast(String channel, Announcement announcement) {
        calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(channel)
                .text(WarRoomViews.announcement(m, announcement))));
    }

    @Override
    public void postLine(String channel, IncidentId incident, Line line) {
        calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(channel)
                .text(WarRoomViews.line(m, line))));
    }

    private String botUserId() {
        if (botUserId == null) {
            botUserId = calls.require("auth.test", () -> slack.authTest(r -> r)).getUserId();
        }
        return botUserId;
    }
}
