package io.hikeshi.slack.warroom;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.element.BlockElements.asContextElements;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.Notifier;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.warroom.ServiceDirectory;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.slack.IncidentViews;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The war room, built by itself from domain events: on "opened" a channel (exactly one per
 * incident), its topic, the owners invited, the pinned card, bookmarks, the response guide as a
 * checklist, an announcement in the broadcast channel and a notification to stakeholders; on every
 * later change the card and topic redrawn, and severity changes, status updates and resolution
 * broadcast and notified.
 *
 * <p>Every step is safe to repeat: the channel is claimed in the store before it is created and
 * adopted if a retry finds it already made; each further step is recorded as done in the store
 * after it succeeds, so a retry after a crash resumes where it stopped. (A crash between a Slack
 * post and its record can repeat that one post; Slack offers no idempotency key.)
 */
public final class WarRoomService {

    /**
     * @param channelTemplate    e.g. {@code inc-{date}-{number}-{slug}}
     * @param broadcastChannel   channel id (or #name) for announcements; null for none
     * @param incidentPageBase   base URL of the incident web page (bookmark); null for none
     */
    public record Settings(String channelTemplate, String broadcastChannel, String incidentPageBase, ZoneId zone) { }

    private static final Duration DONE_TTL = Duration.ofDays(30);

    private final IncidentService incidents;
    private final Storage store;
    private final ServiceDirectory services;
    private final Notifier notifier;
    private final MethodsClient slack;
    private final SlackCalls calls;
    private final Settings settings;
    private final Messages m;
    private final Clock clock;
    private volatile String botUserId;

    public WarRoomService(IncidentService incidents, Storage store, ServiceDirectory services, Notifier notifier,
                          MethodsClient slack, SlackCalls calls, Settings settings, Messages messages, Clock clock) {
        this.incidents = incidents;
        this.store = store;
        this.services = services;
        this.notifier = notifier;
        this.slack = slack;
        this.calls = calls;
        this.settings = settings;
        this.m = messages;
        this.clock = clock;
    }

    /** Handles one domain event; throws if Slack stays unavailable (the event is retried later). */
    public void on(DomainEvent event) {
        IncidentId id = IncidentId.parse(event.incident());
        switch (event.type()) {
            case INCIDENT_OPENED -> open(id, event);
            case STATUS_CHANGED, COMMANDER_CHANGED -> refresh(id);
            case SEVERITY_CHANGED -> {
                refresh(id);
                broadcastOnce(event, m.get("broadcast.severity", event.incident(), event.attribute("previousSeverity"),
                        event.attribute("severity"), event.attribute("title")));
            }
            case STATUS_UPDATE_POSTED -> broadcastOnce(event, m.get("broadcast.update", event.incident(),
                    event.attribute("status"), event.attribute("summary")));
            case INCIDENT_RESOLVED -> broadcastOnce(event, m.get("broadcast.resolved", event.incident(), event.attribute("title")));
            case INCIDENT_ACKNOWLEDGED, TIMELINE_ENTRY_ADDED -> { }
        }
    }

    // ---- opening ----

    private void open(IncidentId id, DomainEvent event) {
        Incident incident = incidents.get(id);
        WarRoom room = claim(incident);
        if (room.channelId() == null) {
            String[] created = createChannel(room.channelName(), incident);
            room = save(room.withChannel(created[0], created[1]));
        }
        incidents.linkWarRoom(id, room.channelId());
        String channel = room.channelId();
        once(id, "topic", () -> setTopic(channel, incidents.get(id)));
        once(id, "invite", () -> invite(channel, incident));
        if (room.cardTs() == null) {
            String ts = calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(channel)
                    .text(m.get("warroom.welcome", id.toString())).blocks(IncidentViews.card(m, incidents.get(id))))).getTs();
            room = save(room.withCard(ts));
        }
        String cardTs = room.cardTs();
        once(id, "pin", () -> pin(channel, cardTs));
        once(id, "bookmarks", () -> bookmarks(channel, incident));
        once(id, "guide", () -> postGuide(channel, incident));
        once(id, "broadcast", () -> broadcast(m.get("broadcast.opened", id.toString(), incident.severity().name(),
                incident.service(), IncidentViews.escape(incident.title()), channel)));
        once(id, "notify", () -> notifyStakeholders(event, incident.title()));
    }

    /** The war-room record is claimed before the channel exists: one channel per incident, whoever races. */
    private WarRoom claim(Incident incident) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<WarRoom> existing = store.warRooms().find(incident.id());
            if (existing.isPresent()) {
                return existing.get();
            }
            String name = ChannelNames.render(settings.channelTemplate(), incident, settings.zone());
            if (store.warRooms().save(new WarRoom(incident.id(), name, null, null, 0))) {
                return store.warRooms().find(incident.id()).orElseThrow();
            }
        }
        throw new IllegalStateException("could not claim the war room of " + incident.id());
    }

    private WarRoom save(WarRoom room) {
        if (!store.warRooms().save(room)) {
            throw new IllegalStateException("war room of " + room.incident() + " changed under us; retrying the event");
        }
        return store.warRooms().find(room.incident()).orElseThrow();
    }

    /**
     * Creates the channel; a name taken by a channel this bot made (an earlier attempt that died
     * before recording it) is adopted, a name taken by someone else gets a suffix.
     *
     * @return the name and id, as {@code [name, id]}
     */
    private String[] createChannel(String name, Incident incident) {
        for (int n = 1; n <= 9; n++) {
            String candidate = n == 1 ? name : ChannelNames.fit(name, "-" + n);
            ConversationsCreateResponse created = calls.call("conversations.create",
                    () -> slack.conversationsCreate(r -> r.name(candidate).isPrivate(false)));
            if (created.isOk()) {
                return new String[] {candidate, created.getChannel().getId()};
            }
            if (!"name_taken".equals(created.getError())) {
                throw new IllegalStateException("conversations.create " + candidate + " failed: " + created.getError());
            }
            Optional<Conversation> ours = findOwnChannel(candidate);
            if (ours.isPresent()) {
                return new String[] {candidate, ours.get().getId()};
            }
        }
        throw new IllegalStateException("no free channel name for " + incident.id() + " (tried " + name + " … -9)");
    }

    /** A public channel of this name that this bot created (conversations.list, paged). */
    private Optional<Conversation> findOwnChannel(String name) {
        String bot = botUserId();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse list = calls.require("conversations.list", () -> slack.conversationsList(r -> r
                    .types(List.of(ConversationType.PUBLIC_CHANNEL)).excludeArchived(true).limit(1000).cursor(page)));
            for (Conversation c : list.getChannels()) {
                if (name.equals(c.getName()) && bot.equals(c.getCreator())) {
                    return Optional.of(c);
                }
            }
            cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isBlank());
        return Optional.empty();
    }

    private String botUserId() {
        if (botUserId == null) {
            botUserId = calls.require("auth.test", () -> slack.authTest(r -> r)).getUserId();
        }
        return botUserId;
    }

    private void setTopic(String channel, Incident incident) {
        calls.require("conversations.setTopic", () -> slack.conversationsSetTopic(r -> r.channel(channel).topic(topic(incident))));
    }

    private String topic(Incident i) {
        return m.get("warroom.topic", i.severity().name(), IncidentViews.statusName(m, i.status()), i.service(),
                i.commander() == null ? m.get("card.nobody") : "<@" + i.commander() + ">");
    }

    private void invite(String channel, Incident incident) {
        var profile = services.profile(incident.service());
        Set<String> users = new LinkedHashSet<>(profile.ownerUsers());
        for (String group : profile.ownerUserGroups()) {
            var members = calls.require("usergroups.users.list", () -> slack.usergroupsUsersList(r -> r.usergroup(group)));
            if (members.getUsers() != null) {
                users.addAll(members.getUsers());
            }
        }
        if (incident.commander() != null) {
            users.add(incident.commander());
        }
        users.remove(botUserId());
        if (users.isEmpty()) {
            return;
        }
        var invited = calls.call("conversations.invite", () -> slack.conversationsInvite(r -> r.channel(channel)
                .users(new ArrayList<>(users))));
        if (!invited.isOk() && !"already_in_channel".equals(invited.getError()) && !"cant_invite_self".equals(invited.getError())) {
            throw new IllegalStateException("conversations.invite failed: " + invited.getError());
        }
    }

    private void pin(String channel, String ts) {
        var pinned = calls.call("pins.add", () -> slack.pinsAdd(r -> r.channel(channel).timestamp(ts)));
        if (!pinned.isOk() && !"already_pinned".equals(pinned.getError())) {
            throw new IllegalStateException("pins.add failed: " + pinned.getError());
        }
    }

    private void bookmarks(String channel, Incident incident) {
        var profile = services.profile(incident.service());
        Map<String, String> links = new LinkedHashMap<>();
        if (profile.runbookUrl() != null) {
            links.put(m.get("warroom.bookmark.runbook"), profile.runbookUrl());
        }
        if (profile.dashboardUrl() != null) {
            links.put(m.get("warroom.bookmark.dashboard"), profile.dashboardUrl());
        }
        if (settings.incidentPageBase() != null) {
            links.put(m.get("warroom.bookmark.incident") + " " + incident.id(),
                    settings.incidentPageBase().replaceAll("/+$", "") + "/incidents/" + incident.id());
        }
        links.forEach((title, link) -> calls.require("bookmarks.add", () -> slack.bookmarksAdd(r -> r.channelId(channel)
                .title(title).type("link").link(link))));
    }

    private void postGuide(String channel, Incident incident) {
        var guide = services.guide(incident.service(), incident.severity());
        StringBuilder checklist = new StringBuilder();
        guide.steps().forEach(step -> checklist.append(":white_large_square: ").append(step).append('\n'));
        calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(channel)
                .text(m.get("warroom.guide.header", guide.title()))
                .blocks(asBlocks(
                        section(s -> s.text(markdownText(m.get("warroom.guide.header", guide.title())))),
                        section(s -> s.text(markdownText(checklist.toString().strip()))),
                        context(c -> c.elements(asContextElements(markdownText(m.get("warroom.guide.source", guide.source())))))))));
    }

    // ---- later changes ----

    /** Redraws the card and the topic from the incident as it is now: idempotent, so no ledger. */
    private void refresh(IncidentId id) {
        Optional<WarRoom> room = store.warRooms().find(id);
        if (room.isEmpty() || room.get().channelId() == null) {
            return; // not built yet: it will be drawn from the latest state when it is
        }
        Incident incident = incidents.get(id);
        String channel = room.get().channelId();
        if (room.get().cardTs() != null) {
            calls.require("chat.update", () -> slack.chatUpdate(r -> r.channel(channel).ts(room.get().cardTs())
                    .text(incident.id() + ": " + incident.title()).blocks(IncidentViews.card(m, incident))));
        }
        setTopic(channel, incident);
    }

    private void broadcastOnce(DomainEvent event, String text) {
        IncidentId id = IncidentId.parse(event.incident());
        once(id, "broadcast:" + event.id(), () -> broadcast(text));
        once(id, "notify:" + event.id(), () -> notifyStakeholders(event, event.attribute("title")));
    }

    private void broadcast(String text) {
        if (settings.broadcastChannel() != null && !settings.broadcastChannel().isBlank()) {
            calls.require("chat.postMessage", () -> slack.chatPostMessage(r -> r.channel(settings.broadcastChannel()).text(text)));
        }
    }

    private void notifyStakeholders(DomainEvent event, String title) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("event", event.type().name());
        attributes.put("incident", event.incident());
        attributes.put("severity", event.attribute("severity"));
        attributes.put("service", event.attribute("service"));
        attributes.put("status", event.attribute("status"));
        String subject = m.get("notify.subject", event.incident(), event.attribute("severity"), event.type().detailType(), title);
        StringBuilder body = new StringBuilder(subject).append("\n");
        event.attributes().forEach((k, v) -> body.append(k).append(": ").append(v).append('\n'));
        notifier.notify(subject, body.toString(), attributes);
    }

    /** Runs a step unless the store says it was done; records it once it succeeded. */
    private void once(IncidentId id, String step, Runnable action) {
        String key = "warroom:" + id + ":" + step;
        if (store.ledger().isDone(key)) {
            return;
        }
        action.run();
        store.ledger().markDone(key, clock.instant().plus(DONE_TTL));
    }
}
