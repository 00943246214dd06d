package io.hikeshi.core.warroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryChat;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.core.warroom.WarRoomChat.Announcement;
import io.hikeshi.core.warroom.WarRoomChat.Bookmark;
import io.hikeshi.core.testkit.InMemoryServiceDirectory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The war-room flow on the in-memory store and an in-memory chat workspace. */
class WarRoomServiceTest {

    /** 2026-11-24 12:12:47 in Tokyo. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:12:47Z"), ZoneOffset.UTC);
    private static final String BROADCAST = "C0INCIDENTS";
    private static final String ROOM = "inc-20261124-0001-payment-api-returns-5xx";
    private static final ServiceDirectory SERVICES = InMemoryServiceDirectory.of("payment-api");

    private final InMemoryStorage memory = InMemoryStorage.create();
    private final Storage store = memory.ports();
    private final IncidentService incidents = new IncidentService(store, CLOCK);
    private final InMemoryChat chat = new InMemoryChat();
    private final List<Map<String, String>> notifications = new ArrayList<>();

    private WarRoomService warRoom(Storage storage) {
        return new WarRoomService(storage, SERVICES, chat, (subject, message, attributes) -> notifications.add(attributes),
                new WarRoomService.Settings("inc-{date}-{number}-{slug}", BROADCAST, "https://hikeshi.example.jp",
                        ZoneId.of("Asia/Tokyo")), Messages.of(Messages.ENGLISH));
    }

    private final WarRoomService warRoom = warRoom(store);

    private Incident declare() {
        return incidents.declare("Payment API returns 5xx", Severity.SEV2, "payment-api", null, "U0BOB", null).orElseThrow();
    }

    private List<DomainEvent> drainEvents() {
        List<DomainEvent> events = store.outbox().pending(100);
        store.outbox().relayed(events);
        return events;
    }

    private WarRoom room(Incident incident) {
        return store.warRooms().find(incident.id()).orElseThrow();
    }

    /**
     * The store with a war-room repository that dies once, as a process killed mid-step would, at the
     * first call of {@code method} (with these arguments among its own, if any are given).
     */
    private Storage dyingOnceAt(String method, Object... withArguments) {
        WarRoomRepository rooms = store.warRooms();
        AtomicBoolean died = new AtomicBoolean();
        WarRoomRepository dying = (WarRoomRepository) Proxy.newProxyInstance(WarRoomRepository.class.getClassLoader(),
                new Class<?>[] {WarRoomRepository.class}, (proxy, called, args) -> {
                    boolean target = called.getName().equals(method)
                            && Arrays.asList(args).containsAll(Arrays.asList(withArguments));
                    if (target && died.compareAndSet(false, true)) {
                        throw new IllegalStateException("process died");
                    }
                    try {
                        return called.invoke(rooms, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new Storage(store.incidents(), store.search(), store.alerts(), store.postmortems(), dying, store.outbox(),
                store.ledger(), store.counters(), store.people());
    }

    @Test
    void declaredFromAMessage_theRoomLinksTheMessageOnce_afterTheGuide_andTheTimelineHasItWhereItWasWritten() {
        // GIVEN an incident declared from a message written ten minutes earlier in #cs-support
        java.time.Instant written = CLOCK.instant().minusSeconds(600);
        io.hikeshi.core.incident.SourceMessage message = new io.hikeshi.core.incident.SourceMessage("C0SUPPORT",
                "cs-support", written.getEpochSecond() + ".000100", written, "U0KENJI",
                "https://hikeshi-demo.slack.com/archives/C0SUPPORT/p1");
        Incident incident = incidents.declare("Unlock fails in Osaka", Severity.SEV2, "payment-api", null, "U0BOB", null,
                message).orElseThrow();

        // WHEN its "opened" event is handled twice
        List<DomainEvent> events = drainEvents();
        events.forEach(warRoom::on);
        events.forEach(warRoom::on);

        // THEN the room links the message once, right after the guide
        assertEquals(List.of("createChannel", "setTopic", "invite", "postCard", "pin", "postGuide", "postLine", "broadcast",
                "addBookmarks", "addBookmarks"), chat.calls());
        assertEquals(List.of(new WarRoomChat.Line.SourceMessage("C0SUPPORT", "#cs-support", "U0KENJI",
                "https://hikeshi-demo.slack.com/archives/C0SUPPORT/p1", "U0BOB")),
                chat.posts("line").stream().map(InMemoryChat.Post::content).toList());
        // AND the timeline has it before the declaration, by its author, with its link
        var timeline = store.incidents().timeline(incident.id(), 10);
        assertEquals(io.hikeshi.core.incident.TimelineKind.SOURCE_MESSAGE, timeline.get(0).kind());
        assertEquals(written, timeline.get(0).at());
        assertEquals("U0KENJI", timeline.get(0).actor());
        assertEquals("https://hikeshi-demo.slack.com/archives/C0SUPPORT/p1", timeline.get(0).attributes().get("permalink"));
    }

    @Test
    void opened_buildsTheRoom_inOrder_andRecordsIt() {
        // GIVEN a declared incident
        Incident incident = declare();

        // WHEN its "opened" event is handled
        drainEvents().forEach(warRoom::on);

        // THEN one channel under the template's name, set up, with the card pinned, guide, announcement and notification,
        // and last the links, one by one (an alert storm throttles them first: nothing else waits for them)
        assertEquals(List.of("createChannel", "setTopic", "invite", "postCard", "pin", "postGuide", "broadcast",
                "addBookmarks", "addBookmarks"), chat.calls());
        WarRoom room = room(incident);
        assertEquals(List.of(ROOM), chat.channelNames());
        assertEquals(ROOM, room.channelName());
        assertEquals(Set.of("U0ALICE", "group:S0ONCALL", "U0BOB"), chat.members(room.channelId()),
                "the service's owners and the person who declared it");
        assertTrue(chat.isPinned(room.channelId(), room.cardTs()));
        assertEquals(List.of(new Bookmark(Bookmark.Kind.RUNBOOK, "https://runbooks.example.jp/payment-api"),
                new Bookmark(Bookmark.Kind.INCIDENT_PAGE, "https://hikeshi.example.jp/incidents/INC-0001")),
                chat.bookmarks(room.channelId()));
        assertEquals(BROADCAST, chat.posts("announcement").get(0).channel());
        assertEquals(1, notifications.size());
        assertEquals(incident.id(), store.warRooms().incidentForChannel(room.channelId()).orElseThrow(),
                "commands typed in the room act on its incident");
        assertEquals(Set.of("guide", "broadcast", "notify", "bookmarks:runbook", "bookmarks:incident_page"), room.done());
    }

    @Test
    void openedDeliveredTwice_buildsOnce_andTheSecondDeliveryAsksChatNothing() {
        // GIVEN a room built from an "opened" event
        declare();
        List<DomainEvent> events = drainEvents();
        events.forEach(warRoom::on);
        int callsAfterFirst = chat.calls().size();

        // WHEN the event is delivered again
        events.forEach(warRoom::on);

        // THEN nothing is made, posted or asked again
        assertEquals(callsAfterFirst, chat.calls().size(), chat.calls().toString());
        assertEquals(1, notifications.size());
    }

    @Test
    void aRetryAfterACrashBetweenTheCardPostAndItsRecord_postsNoSecondCard() {
        // GIVEN the first attempt posted and pinned the card, then died before recording it
        Incident incident = declare();
        List<DomainEvent> events = drainEvents();
        assertThrows(IllegalStateException.class, () -> events.forEach(warRoom(dyingOnceAt("recordCard"))::on));
        assertEquals(1, chat.posts("card").size());

        // WHEN the event is retried
        events.forEach(warRoom::on);

        // THEN the retry found the card in the room and recorded it; one card, pinned, and the rest done once
        assertEquals(1, chat.posts("card").size());
        assertEquals(chat.posts("card").get(0).ts(), room(incident).cardTs());
        assertTrue(chat.isPinned(room(incident).channelId(), room(incident).cardTs()));
        assertEquals(1, chat.calls("createChannel"), "the recorded channel is not made again");
        assertEquals(1, chat.posts("guide").size());
        assertEquals(1, chat.posts("announcement").size());
    }

    @Test
    void aRetryAfterACrashBetweenTheGuideAndItsRecord_postsNoSecondGuide() {
        // GIVEN the first attempt posted the guide, then died before recording it
        Incident incident = declare();
        List<DomainEvent> events = drainEvents();
        assertThrows(IllegalStateException.class, () -> events.forEach(warRoom(dyingOnceAt("recordDone", "guide"))::on));
        assertEquals(1, chat.posts("guide").size());

        // WHEN the event is retried
        events.forEach(warRoom::on);

        // THEN each post is in the room once
        assertEquals(1, chat.posts("card").size());
        assertEquals(1, chat.posts("guide").size());
        assertEquals(1, chat.posts("announcement").size());
        assertEquals(Set.of("guide", "broadcast", "notify", "bookmarks:runbook", "bookmarks:incident_page"),
                room(incident).done());
    }

    @Test
    void aRoomWhoseSecondBookmarkFailed_isCompletedByTheRetry_withoutRepeatingTheFirst() {
        // GIVEN chat refuses the second bookmark of the first attempt (throttled past its patience, say)
        Incident incident = declare();
        List<DomainEvent> events = drainEvents();
        chat.beforeNext("addBookmarks", first -> chat.beforeNext("addBookmarks", second -> {
            throw new IllegalStateException("bookmarks.add: rate-limited");
        }));
        assertThrows(IllegalStateException.class, () -> events.forEach(warRoom::on));
        assertEquals(1, chat.posts("announcement").size(), "announced before any bookmark was tried");

        // WHEN the event is retried
        events.forEach(warRoom::on);

        // THEN each link is in the room once, and nothing else was done again
        assertEquals(List.of(new Bookmark(Bookmark.Kind.RUNBOOK, "https://runbooks.example.jp/payment-api"),
                new Bookmark(Bookmark.Kind.INCIDENT_PAGE, "https://hikeshi.example.jp/incidents/INC-0001")),
                chat.bookmarks(room(incident).channelId()));
        assertEquals(1, chat.posts("announcement").size());
        assertEquals(1, notifications.size());
    }

    @Test
    void aRoomRecordedWhenTheBookmarksWereOneStep_getsNoBookmarksAgain() {
        // GIVEN a room built before each bookmark was a step of its own: "bookmarks" recorded, the rest not yet
        Incident incident = declare();
        List<DomainEvent> events = drainEvents();
        store.warRooms().claim(incident.id(), ROOM);
        store.warRooms().recordDone(incident.id(), "bookmarks");

        // WHEN its "opened" event is handled
        events.forEach(warRoom::on);

        // THEN the room is finished without adding its links a second time
        assertEquals(0, chat.calls("addBookmarks"));
        assertEquals(1, chat.posts("announcement").size());
    }

    @Test
    void twoProcessesRacingToOpenTheRoom_makeOneChannel() {
        // GIVEN the "opened" event delivered twice, the second delivery running to its end while the
        // first is between claiming the room and creating its channel
        declare();
        DomainEvent opened = drainEvents().get(0);
        WarRoomService first = warRoom(store);
        WarRoomService second = warRoom(store);
        chat.beforeNext("createChannel", method -> second.on(opened));

        // WHEN the first delivery carries on
        first.on(opened);

        // THEN the first adopted the channel the second made: one channel, one card, one guide, one announcement
        assertEquals(List.of(ROOM), chat.channelNames());
        assertEquals(1, chat.posts("card").size());
        assertEquals(1, chat.posts("guide").size());
        assertEquals(1, chat.posts("announcement").size());
        assertEquals(1, notifications.size());
    }

    @Test
    void aCrashAfterTheChannelWasMade_butBeforeItWasRecorded_theRetryAdoptsIt() {
        // GIVEN the first attempt made the channel and died recording it
        Incident incident = declare();
        List<DomainEvent> events = drainEvents();
        assertThrows(IllegalStateException.class, () -> events.forEach(warRoom(dyingOnceAt("recordChannel"))::on));

        // WHEN the event is retried
        events.forEach(warRoom::on);

        // THEN the retry adopted the channel of the claimed name, and looked in it before posting
        assertEquals(List.of(ROOM), chat.channelNames());
        assertEquals(ROOM, room(incident).channelName());
        assertEquals(1, chat.calls("earlierPosts"));
        assertEquals(1, chat.posts("card").size());
    }

    @Test
    void aNameTakenBySomeoneElse_getsASuffix() {
        // GIVEN someone's channel has the room's name
        chat.withChannelOfSomeoneElse(ROOM);
        Incident incident = declare();

        // WHEN the room is built
        drainEvents().forEach(warRoom::on);

        // THEN it is made under the next free name
        assertEquals(List.of(ROOM + "-2"), chat.channelNames());
        assertEquals(ROOM + "-2", room(incident).channelName());
        assertEquals(0, chat.calls("earlierPosts"), "a channel made now holds nothing earlier");
    }

    @Test
    void laterChanges_redrawTheCardAndTopic_andASeverityChangeIsAnnouncedOnce() {
        // GIVEN a built room
        Incident incident = declare();
        drainEvents().forEach(warRoom::on);
        notifications.clear();

        // WHEN the severity changes and its events are delivered twice
        incidents.changeSeverity(incident.id(), Severity.SEV1, "U0BOB");
        List<DomainEvent> events = drainEvents();
        events.forEach(warRoom::on);
        events.forEach(warRoom::on);

        // THEN the card and topic show it on each delivery; the announcement and notification go out once
        assertEquals(2, chat.calls("updateCard"));
        Incident drawn = (Incident) chat.posts("card").get(0).content();
        assertEquals(Severity.SEV1, drawn.severity());
        assertTrue(chat.topic(room(incident).channelId()).startsWith("SEV1"));
        List<InMemoryChat.Post> announced = chat.posts("announcement");
        assertEquals(2, announced.size(), "opened, then the severity change");
        assertEquals(new Announcement.SeverityChanged(incident.id(), incident.title(), Severity.SEV2, Severity.SEV1),
                announced.get(1).content());
        assertEquals(1, notifications.size());
        assertEquals("SEV1", notifications.get(0).get("severity"));
    }

    @Test
    void aStatusUpdateHandledBeforeTheRoomIsBuilt_isAnnouncedOnce_andTheRoomIsStillBuilt() {
        // GIVEN a status update whose event arrives before "opened" is handled
        Incident incident = declare();
        DomainEvent opened = drainEvents().get(0);
        incidents.postStatusUpdate(incident.id(), Status.INVESTIGATING, "Rolling back", "U0BOB");
        List<DomainEvent> later = drainEvents();

        // WHEN the later events come first, twice, and then "opened"
        later.forEach(warRoom::on);
        later.forEach(warRoom::on);
        warRoom.on(opened);

        // THEN the update was announced once, nothing was redrawn before the room existed, and the room was built
        List<InMemoryChat.Post> announced = chat.posts("announcement");
        assertInstanceOf(Announcement.StatusUpdate.class, announced.get(0).content());
        assertEquals(1, announced.stream().filter(p -> p.content() instanceof Announcement.StatusUpdate).count());
        assertEquals(0, chat.calls("updateCard"));
        assertEquals(ROOM, room(incident).channelName());
        assertEquals(1, chat.posts("card").size());
        Incident drawn = (Incident) chat.posts("card").get(0).content();
        assertEquals(Status.INVESTIGATING, drawn.status(), "drawn from the incident as it is when the room is built");
    }
}
