package io.hikeshi.core.warroom;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.IncidentEvents;
import io.hikeshi.core.event.Notifier;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentNotFoundException;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.warroom.WarRoomChat.Announcement;
import io.hikeshi.core.warroom.WarRoomChat.Bookmark;
import io.hikeshi.core.warroom.WarRoomChat.EarlierPosts;
import io.hikeshi.core.warroom.WarRoomChat.Line;
import io.hikeshi.core.warroom.WarRoomChat.NewChannel;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The war room, built by itself from domain events: on "opened" a channel (exactly one per
 * incident), its topic, the owners invited, the pinned card, the response guide, an announcement in
 * the broadcast channel, a notification to stakeholders, and last the bookmarks; on later changes the
 * card and topic redrawn, one line in the room for each change, and what stakeholders care about
 * announced and notified.
 *
 * <p>Every step is safe to repeat, because events arrive more than once and a failed one is retried:
 * the room is claimed before its channel is created, and a channel this app made under the claimed
 * name is adopted; topic, invitations and pin are idempotent in chat and are done before the record
 * that follows them (the channel's, the card's); each other step is recorded as done on the room once
 * it succeeded, each bookmark on its own. A retry that finds no record of the card or guide looks in the
 * channel before posting them again. Only a crash between a bookmark, announcement or notification and its
 * record can repeat that one (chat and SNS have no idempotency key).
 *
 * <p>Bookmarks come last because they are the first thing an alert storm throttles: three calls a room to a
 * Slack method allowed about 20 a minute (Tier 2). The card, the guide and the announcement do not wait for
 * them; a room whose bookmarks outlast the chat adapter's patience fails its event, and the retry adds only
 * the bookmarks still missing.
 */
public final class WarRoomService {

    /**
     * @param channelTemplate  e.g. {@code inc-{date}-{number}-{slug}} ({@link ChannelNames})
     * @param broadcastChannel where announcements go; null for none
     * @param incidentPageBase base URL of the incident web page (a bookmark); null for none
     * @param zone             the team's time zone (the date in channel names)
     */
    public record Settings(String channelTemplate, String broadcastChannel, String incidentPageBase, ZoneId zone) { }

    /** A name taken by someone else's channel gets a suffix, "-2" up to this. */
    private static final int MAX_NAME_SUFFIX = 9;
    /** The steps recorded on the room when done; a later event's are suffixed with its id, a bookmark's with its kind. */
    private static final String BOOKMARKS = "bookmarks";
    private static final String GUIDE = "guide";
    private static final String BROADCAST = "broadcast";
    private static final String NOTIFY = "notify";
    private static final String LINE = "line";
    private static final String SOURCE = "source";

    private final IncidentRepository incidents;
    private final WarRoomRepository rooms;
    private final ServiceDirectory services;
    private final WarRoomChat chat;
    private final Notifier notifier;
    private final Settings settings;
    private final Messages messages;

    /** @param messages the team's language, for the stakeholders' notifications */
    public WarRoomService(Storage storage, ServiceDirectory services, WarRoomChat chat, Notifier notifier, Settings settings,
                          Messages messages) {
        this.incidents = storage.incidents();
        this.rooms = storage.warRooms();
        this.services = Objects.requireNonNull(services, "services");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /**
     * Handles one domain event; throws if chat stays unavailable (the event is retried later). Every
     * change gets one line in the war room; stakeholders hear of what they care about (declared,
     * severity changed, mitigated, resolved, reopened, status updates), each once.
     */
    public void on(DomainEvent event) {
        IncidentId id = IncidentId.parse(event.incident());
        switch (event.type()) {
            case INCIDENT_OPENED -> new Opening(event, incident(id)).run();
            case STATUS_CHANGED -> onStatusChanged(room(id), event);
            case COMMANDER_CHANGED -> {
                WarRoom room = room(id);
                redraw(room);
                String commander = event.attribute("commander");
                if (room.hasChannel()) {
                    chat.invite(room.channelId(), Set.of(commander), Set.of()); // idempotent: no record needed
                }
                line(room, event, new Line.CommanderChanged(commander, event.attribute("actor"),
                        event.attribute("acknowledged") != null));
            }
            case ROLE_CHANGED -> onRoleChanged(room(id), event);
            case SEVERITY_CHANGED -> {
                WarRoom room = room(id);
                redraw(room);
                Severity from = Severity.parse(event.attribute("previousSeverity"));
                Severity to = Severity.parse(event.attribute("severity"));
                room = line(room, event, new Line.SeverityChanged(from, to, event.attribute("actor")));
                if (to.compareTo(from) < 0) {
                    room = raisedGuide(room, event, to);
                }
                announce(room, event, new Announcement.SeverityChanged(id, event.attribute("title"), from, to));
            }
            case STATUS_UPDATE_POSTED -> {
                Status to = Status.parse(event.attribute("status"));
                String previous = event.attribute("previousStatus");
                Status from = previous == null ? null : Status.parse(previous);
                WarRoom room = line(room(id), event, new Line.StatusUpdate(from, to, event.attribute("summary"),
                        event.attribute("actor")));
                announce(room, event, new Announcement.StatusUpdate(id, to, event.attribute("summary")));
            }
            // Told through the status change that came with them.
            case INCIDENT_RESOLVED, INCIDENT_ACKNOWLEDGED, TIMELINE_ENTRY_ADDED -> { }
        }
    }

    /** The card and topic show who fills the role now; they are invited to the room, which hears of it once. */
    private void onRoleChanged(WarRoom room, DomainEvent event) {
        redraw(room);
        String user = event.attribute(IncidentEvents.ROLE_USER);
        if (room.hasChannel()) {
            chat.invite(room.channelId(), Set.of(user), Set.of()); // idempotent: no record needed
        }
        line(room, event, new Line.RoleChanged(event.attribute(IncidentEvents.ROLE), user, event.attribute("actor")));
    }

    /**
     * A status moved by a button, a command or an alarm; one moved by a status update is told by the update, one
     * acknowledged by taking command by the commander's line.
     */
    private void onStatusChanged(WarRoom room, DomainEvent event) {
        redraw(room);
        if (event.attribute(IncidentEvents.BY_UPDATE) != null || event.attribute(IncidentEvents.BY_COMMAND) != null) {
            return;
        }
        IncidentId id = room.incident();
        Status from = Status.parse(event.attribute("previousStatus"));
        Status to = Status.parse(event.attribute("status"));
        String actor = event.attribute("actor");
        String reason = event.attribute("reason");
        WarRoom told = line(room, event, from == Status.RESOLVED ? new Line.Reopened(reason, actor)
                : new Line.StatusChanged(from, to, actor));
        String title = event.attribute("title");
        if (to == Status.RESOLVED) {
            announce(told, event, new Announcement.Resolved(id, title));
        } else if (to == Status.MITIGATED) {
            announce(told, event, new Announcement.Mitigated(id, title));
        } else if (from == Status.MITIGATED || from == Status.RESOLVED) {
            announce(told, event, new Announcement.Reopened(id, title, reason));
        }
    }

    /** One attempt at building the room of an opened incident, resuming where an earlier one stopped. */
    private final class Opening {

        private final DomainEvent event;
        private final Incident incident;
        private WarRoom room;
        /** A channel made by this attempt holds nothing an earlier attempt posted. */
        private boolean channelMadeNow;
        private EarlierPosts earlier;

        Opening(DomainEvent event, Incident incident) {
            this.event = event;
            this.incident = incident;
        }

        void run() {
            room = rooms.claim(incident.id(), ChannelNames.render(settings.channelTemplate(), incident, settings.zone()));
            if (!room.hasChannel()) {
                openChannel();
            }
            String channel = room.channelId();
            if (room.cardTs() == null) {
                postAndPinCard(channel);
            }
            room = once(room, GUIDE, () -> {
                if (!earlierPosts().guide()) {
                    chat.postGuide(channel, incident.id(), services.guide(incident.service(), incident.severity()));
                }
            });
            sourceMessage().ifPresent(line -> room = once(room, SOURCE, () -> chat.postLine(channel, incident.id(), line)));
            if (!incident.isPrivate()) { // a private incident is told in its own room only
                room = once(room, BROADCAST, () -> broadcast(new Announcement.Opened(incident, channel)));
                room = once(room, NOTIFY, () -> notifyStakeholders(event, incident.title()));
            }
            if (!room.isDone(BOOKMARKS)) { // a room built when the bookmarks were one step has them all
                for (Bookmark bookmark : bookmarks()) {
                    room = once(room, BOOKMARKS + ":" + bookmark.kind().name().toLowerCase(java.util.Locale.ROOT),
                            () -> chat.addBookmarks(channel, incident.id(), List.of(bookmark)));
                }
            }
        }

        /** Creates the channel under the claimed name (or adopts it), sets it up, and records it. */
        private void openChannel() {
            for (int n = 1; n <= MAX_NAME_SUFFIX; n++) {
                String name = n == 1 ? room.channelName() : ChannelNames.fit(room.channelName(), "-" + n);
                switch (chat.createChannel(name, incident.visibility())) {
                    case NewChannel.Created created -> {
                        setUpChannel(name, created.id());
                        channelMadeNow = created.id().equals(room.channelId());
                        return;
                    }
                    case NewChannel.MadeEarlier adopted -> {
                        setUpChannel(name, adopted.id());
                        return;
                    }
                    case NewChannel.NameTaken taken -> { }
                }
            }
            throw new IllegalStateException("no free channel name for " + incident.id() + " (tried " + room.channelName()
                    + " … -" + MAX_NAME_SUFFIX + ")");
        }

        private void setUpChannel(String name, String channel) {
            chat.setTopic(channel, incident);
            Set<String> users = new LinkedHashSet<>(services.profile(incident.service()).ownerUsers());
            if (incident.commander() != null) {
                users.add(incident.commander());
            }
            if (event.attribute("actor") != null) {
                users.add(event.attribute("actor")); // who declared it; a monitor's name is skipped by the chat
            }
            chat.invite(channel, users, Set.copyOf(services.profile(incident.service()).ownerUserGroups()));
            room = rooms.recordChannel(incident.id(), name, channel);
        }

        /** The card is recorded only once pinned: a recorded card needs nothing more. */
        private void postAndPinCard(String channel) {
            String ts = earlierPosts().cardTs();
            if (ts == null) {
                ts = chat.postCard(channel, incident);
            }
            chat.pin(channel, ts);
            room = rooms.recordCard(incident.id(), ts);
        }

        /** The message it was declared from, linked in the room once: the room is where responders look first. */
        private java.util.Optional<Line> sourceMessage() {
            String channel = event.attribute(IncidentEvents.SOURCE_CHANNEL);
            return channel == null ? java.util.Optional.empty() : java.util.Optional.of(new Line.SourceMessage(channel,
                    event.attribute(IncidentEvents.SOURCE_CHANNEL_SHOWN), event.attribute(IncidentEvents.SOURCE_AUTHOR),
                    event.attribute(IncidentEvents.SOURCE_PERMALINK), event.attribute("actor")));
        }

        /** Asked at most once, and never of a channel this attempt made. */
        private EarlierPosts earlierPosts() {
            if (earlier == null) {
                earlier = channelMadeNow ? EarlierPosts.NONE : chat.earlierPosts(room.channelId(), incident.id());
            }
            return earlier;
        }

        private List<Bookmark> bookmarks() {
            var profile = services.profile(incident.service());
            List<Bookmark> links = new ArrayList<>();
            if (profile.runbookUrl() != null) {
                links.add(new Bookmark(Bookmark.Kind.RUNBOOK, profile.runbookUrl()));
            }
            if (profile.dashboardUrl() != null) {
                links.add(new Bookmark(Bookmark.Kind.DASHBOARD, profile.dashboardUrl()));
            }
            if (settings.incidentPageBase() != null) {
                links.add(new Bookmark(Bookmark.Kind.INCIDENT_PAGE,
                        settings.incidentPageBase().replaceAll("/+$", "") + "/incidents/" + incident.id()));
            }
            return links;
        }
    }

    // ---- later changes ----

    /** Redraws the card and the topic from the incident as it is now: idempotent, so nothing is recorded. */
    private void redraw(WarRoom room) {
        if (!room.hasChannel()) {
            return; // not built yet: it will be drawn from the latest state when it is
        }
        Incident incident = incident(room.incident());
        if (room.cardTs() != null) {
            chat.updateCard(room.channelId(), room.cardTs(), incident);
        }
        chat.setTopic(room.channelId(), incident);
    }

    /**
     * Posts the change's line once per event. A room not built yet gets none: it is drawn from the
     * latest state when it is, and a line about the past would only confuse.
     */
    private WarRoom line(WarRoom room, DomainEvent event, Line line) {
        if (!room.hasChannel()) {
            return room;
        }
        return once(room, LINE + ":" + event.id(), () -> chat.postLine(room.channelId(), room.incident(), line));
    }

    /** A raised severity asks for more: the new severity's response guide, once per event, as a checklist. */
    private WarRoom raisedGuide(WarRoom room, DomainEvent event, Severity to) {
        if (!room.hasChannel()) {
            return room; // the room, when built, gets the guide of the severity it is built with
        }
        return once(room, GUIDE + ":" + event.id(), () -> chat.postGuide(room.channelId(), room.incident(),
                services.guide(event.attribute("service"), to)));
    }

    /** Announces and notifies once per event, whether or not the room is built yet; never a private incident. */
    private void announce(WarRoom room, DomainEvent event, Announcement announcement) {
        if (event.attribute(IncidentEvents.PRIVATE) != null) {
            return; // its room's members hear it in the room; stakeholders outside it never do
        }
        WarRoom announced = once(room, BROADCAST + ":" + event.id(), () -> broadcast(announcement));
        once(announced, NOTIFY + ":" + event.id(), () -> notifyStakeholders(event, event.attribute("title")));
    }

    private void broadcast(Announcement announcement) {
        if (settings.broadcastChannel() != null && !settings.broadcastChannel().isBlank()) {
            chat.broadcast(settings.broadcastChannel(), announcement);
        }
    }

    private void notifyStakeholders(DomainEvent event, String title) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("event", event.type().name());
        attributes.put("incident", event.incident());
        attributes.put("severity", event.attribute("severity"));
        attributes.put("service", event.attribute("service"));
        attributes.put("status", event.attribute("status"));
        String subject = messages.get("notify.subject", event.incident(), event.attribute("severity"),
                event.type().detailType(), title);
        StringBuilder body = new StringBuilder(subject).append("\n");
        event.attributes().forEach((k, v) -> body.append(k).append(": ").append(v).append('\n'));
        notifier.notify(subject, body.toString(), attributes);
    }

    /** Runs a step unless the room says it was done; records it once it succeeded. */
    private WarRoom once(WarRoom room, String step, Runnable action) {
        if (room.isDone(step)) {
            return room;
        }
        action.run();
        rooms.recordDone(room.incident(), step);
        return room.withDone(step);
    }

    private WarRoom room(IncidentId id) {
        return rooms.find(id).orElseGet(() -> WarRoom.unclaimed(id));
    }

    private Incident incident(IncidentId id) {
        return incidents.find(id).orElseThrow(() -> new IncidentNotFoundException(id));
    }
}
