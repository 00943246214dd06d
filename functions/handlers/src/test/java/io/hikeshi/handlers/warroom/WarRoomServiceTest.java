package io.hikeshi.handlers.warroom;

import io.hikeshi.handlers.TestSlackClients;
import io.hikeshi.handlers.lambda.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.Conversation;
import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.core.warroom.WarRoomRepository;
import io.hikeshi.core.warroom.WarRoomService;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.TestClocks;
import io.hikeshi.handlers.wiring.ConfiguredServiceDirectory;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.warroom.SlackWarRoomChat;
import io.hikeshi.slackstub.SlackApiStub;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** The war room builds itself from domain events: Slack through the real SDK against the stub, DynamoDB Local. */
class WarRoomServiceTest {

    private static final String BROADCAST = "C0INCIDENTS";
    /** Incidents are declared when the sample alarm fired, on the samples' day (never the machine's). */
    private static final Clock CLOCK = TestClocks.fixedAt(TestClocks.SAMPLE_ALARM_FIRED);
    /** The war room's name for INC-0001 declared then (12:12 in Tokyo). */
    private static final String ROOM = "inc-20261124-0001-payment-api-returns-5xx";

    private SlackApiStub slackApi;
    private String table;
    private Composition core;
    private SlackWiring slack;
    private final List<Map<String, String>> notifications = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        table = "warroom-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        core = Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo, CLOCK);
        slackApi = SlackApiStub.start();
        slack = new SlackWiring(core, new HikeshiSlackApp.Settings("secret", "xoxb-test", slackApi.methodsUrlPrefix(),
                Locale.ENGLISH), task -> { });
    }

    @AfterEach
    void tearDown() {
        slackApi.close();
    }

    private WarRoomService warRoom(String template, Storage store, SlackCalls calls) {
        return warRoom(template, store, calls, io.hikeshi.handlers.TestSlackClients.client(slackApi));
    }

    private WarRoomService warRoom(String template, Storage store, SlackCalls calls,
                                   com.slack.api.methods.MethodsClient client) {
        var services = ConfiguredServiceDirectory.load(core.json(), "infrastructure/config/services.json", "infrastructure/guides");
        Messages english = Messages.of(Locale.ENGLISH);
        return new WarRoomService(store, services, new SlackWarRoomChat(client, calls, english),
                (subject, message, attributes) -> notifications.add(attributes),
                new WarRoomService.Settings(template, BROADCAST, "https://hikeshi.example.jp", ZoneId.of("Asia/Tokyo")), english);
    }

    private WarRoomService warRoom() {
        return warRoom("inc-{date}-{number}-{slug}", core.storage(), new SlackCalls(3, Duration.ofMillis(1), Duration.ofSeconds(2)));
    }

    private Incident declare() {
        return core.incidents().declare("Payment API returns 5xx", Severity.SEV2, "payment-api", "checkout failing", "U0BOB",
                null).orElseThrow();
    }

    private List<DomainEvent> drainEvents() {
        List<DomainEvent> events = core.storage().outbox().pending(100);
        core.storage().outbox().relayed(events);
        return events;
    }

    @Test
    void declare_opensWarRoom_withChannelTopicInvitesCardBookmarksGuideBroadcastAndNotification() {
        Incident incident = declare();

        drainEvents().forEach(warRoom()::on);

        var created = slackApi.calls("conversations.create");
        assertEquals(1, created.size());
        assertEquals(ROOM, created.get(0).param("name"), "named after the incident's day in Tokyo, its number and title");
        String channel = core.storage().warRooms().find(incident.id()).orElseThrow().channelId();
        assertEquals(incident.id(), core.storage().warRooms().incidentForChannel(channel).orElseThrow(), "commands in the room act on it");
        assertTrue(slackApi.calls("conversations.setTopic").get(0).param("topic").startsWith("SEV2 · triggered · payment-api"));
        assertTrue(slackApi.calls("conversations.invite").get(0).param("users").contains("U0ALICE"), "the service's owner");
        assertEquals(1, slackApi.calls("pins.add").size());
        assertEquals(List.of("Runbook", "Dashboard", "Incident page INC-0001"),
                slackApi.calls("bookmarks.add").stream().map(c -> c.param("title")).toList());
        var posts = slackApi.calls("chat.postMessage");
        assertTrue(posts.stream().anyMatch(c -> channel.equals(c.param("channel")) && c.param("blocks").contains("incident_acknowledge")),
                "the card with its buttons");
        assertTrue(posts.stream().anyMatch(c -> channel.equals(c.param("channel")) && c.param("blocks").contains("\"type\":\"checkboxes\"")),
                "the response guide as a checklist");
        assertTrue(posts.stream().anyMatch(c -> BROADCAST.equals(c.param("channel")) && c.param("text").contains("INC-0001")));
        assertEquals(1, notifications.size());
        assertEquals("SEV2", notifications.get(0).get("severity"));
        assertEquals("payment-api", notifications.get(0).get("service"));
    }

    @Test
    void buildingTheRoomOfAnOpenedIncident_costsAtMostTwelveDynamoDbCalls() {
        // GIVEN a declared incident, and the war room on a DynamoDB client that counts every call it makes
        declare();
        List<DomainEvent> events = drainEvents();
        AtomicInteger dynamoCalls = new AtomicInteger();
        var counting = EmbeddedDynamoDb.shared().clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(
                new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        dynamoCalls.incrementAndGet();
                    }
                })).build();
        Storage countedStore = DynamoDbStorage.on(counting, table, CLOCK);

        // WHEN its "opened" event is handled
        events.forEach(warRoom("inc-{date}-{number}-{slug}", countedStore, new SlackCalls(3, Duration.ofMillis(1),
                Duration.ofSeconds(2)))::on);

        // THEN the room is built within the budget: the incident read once, one call per record
        assertEquals(1, slackApi.calls("pins.add").size(), "the room was built");
        assertTrue(dynamoCalls.get() <= 12, dynamoCalls.get() + " DynamoDB calls");
    }

    @Test
    void openedDeliveredTwice_makesOneChannelAndOneCard() {
        declare();
        List<DomainEvent> events = drainEvents();
        WarRoomService warRoom = warRoom();

        events.forEach(warRoom::on);
        events.forEach(warRoom::on);

        assertEquals(1, slackApi.calls("conversations.create").size());
        assertEquals(1, slackApi.calls("pins.add").size());
        assertEquals(3, slackApi.calls("chat.postMessage").size(), "card, guide, broadcast: once each");
        assertEquals(1, notifications.size());
    }

    @Test
    void crashAfterTheChannelWasCreated_butBeforeItWasRecorded_theRetryAdoptsIt() {
        Incident incident = declare();
        List<DomainEvent> events = drainEvents();
        AtomicBoolean crashed = new AtomicBoolean();
        Storage real = core.storage();
        WarRoomRepository rooms = real.warRooms();
        WarRoomRepository diesSavingTheChannel = new WarRoomRepository() {
            @Override
            public java.util.Optional<WarRoom> find(IncidentId incident) {
                return rooms.find(incident);
            }

            @Override
            public WarRoom claim(IncidentId incident, String channelName) {
                return rooms.claim(incident, channelName);
            }

            @Override
            public WarRoom recordChannel(IncidentId incident, String channelName, String channelId) {
                if (crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("process died");
                }
                return rooms.recordChannel(incident, channelName, channelId);
            }

            @Override
            public WarRoom recordCard(IncidentId incident, String cardTs) {
                return rooms.recordCard(incident, cardTs);
            }

            @Override
            public void recordDone(IncidentId incident, String step) {
                rooms.recordDone(incident, step);
            }

            @Override
            public java.util.Optional<IncidentId> incidentForChannel(String channelId) {
                return rooms.incidentForChannel(channelId);
            }
        };
        Storage crashingOnce = new Storage(real.incidents(), real.search(), real.alerts(), real.postmortems(),
                diesSavingTheChannel, real.outbox(), real.ledger(), real.counters(), real.people());

        assertThrows(IllegalStateException.class, () -> events.forEach(warRoom("inc-{date}-{number}-{slug}", crashingOnce,
                new SlackCalls(3, Duration.ofMillis(1), Duration.ofSeconds(2)))::on));
        events.forEach(warRoom()::on);

        assertEquals(2, slackApi.calls("conversations.create").size(), "the retry tried the same name");
        assertEquals(1, slackApi.calls("conversations.list").size(), "found it was ours");
        String adopted = core.storage().warRooms().find(incident.id()).orElseThrow().channelId();
        assertEquals(slackApi.calls("conversations.create").get(0).param("name"),
                slackApi.calls("conversations.create").get(1).param("name"), "no second channel under another name");
        assertEquals(1, slackApi.calls("pins.add").size());
        assertTrue(adopted.startsWith("C"));
    }

    @Test
    void slackThrottlingAndErrors_areRetriedPolitely_andTheRetryCompletesWithoutDuplicates() {
        Incident incident = declare();
        List<DomainEvent> events = drainEvents();
        slackApi.failNext("conversations.create", 1, 429, 1);
        slackApi.failNext("bookmarks.add", 3, 500, null); // every try of the first delivery

        assertThrows(SlackCalls.SlackUnavailableException.class, () -> events.forEach(warRoom()::on));
        long versionBefore = core.storage().incidents().find(incident.id()).orElseThrow().version();
        events.forEach(warRoom()::on);

        assertEquals(2, slackApi.calls("conversations.create").size(), "one 429, then created");
        assertEquals(1, slackApi.calls("pins.add").size());
        assertEquals(3, slackApi.calls("chat.postMessage").size(), "card, guide, broadcast: once each despite the retry");
        assertEquals(versionBefore, core.storage().incidents().find(incident.id()).orElseThrow().version(), "the incident is untouched");
    }

    @Test
    void slackTimingOut_afterItDidTheWork_failsTheEvent_andTheRetryAdoptsTheChannelItMade() throws Exception {
        // GIVEN Slack makes the channel but answers conversations.create only once the caller has stopped
        // waiting: the answers are held until released below (the stub does a call's work before its latency)
        Incident incident = declare();
        List<DomainEvent> events = drainEvents();
        long versionBefore = core.storage().incidents().find(incident.id()).orElseThrow().version();
        CountDownLatch answersReleased = new CountDownLatch(1);
        slackApi.pauseWith((call, latency) -> {
            if (call.method().equals("conversations.create")) {
                answersReleased.await();
            }
        });
        slackApi.latency(Duration.ofMillis(400));

        // WHEN the first delivery gives up on both of its tries (its client waits 100 ms for an answer),
        // the late answers go out to nobody, and the event is delivered again
        assertThrows(SlackCalls.SlackUnavailableException.class, () -> events.forEach(warRoom("inc-{date}-{number}-{slug}",
                core.storage(), new SlackCalls(2, Duration.ofMillis(1), Duration.ofSeconds(1)),
                io.hikeshi.handlers.TestSlackClients.impatientClient(slackApi, 100))::on));
        slackApi.latency(Duration.ZERO);
        answersReleased.countDown();
        events.forEach(warRoom()::on);

        // THEN the retry's create was refused (name taken), it looked the name up, found the channel the
        // timed-out call had made, and adopted it: one channel in "Slack", the war room's, set up once
        assertEquals(List.of(ROOM, ROOM, ROOM), slackApi.calls("conversations.create").stream().map(c -> c.param("name")).toList(),
                "two timed-out tries and the retry's, all under the incident's one name");
        assertEquals(1, slackApi.calls("conversations.list").size(), "the retry looked for the channel it had made");
        String channel = core.storage().warRooms().find(incident.id()).orElseThrow().channelId();
        List<Conversation> channels = io.hikeshi.handlers.TestSlackClients.client(slackApi).conversationsList(r -> r).getChannels();
        assertEquals(List.of(channel), channels.stream().filter(c -> c.getName().matches("inc-\\d{8}-.*")).map(Conversation::getId).toList(),
                "exactly one war-room channel: the one made by the call that timed out");
        assertEquals(ROOM, core.storage().warRooms().find(incident.id()).orElseThrow().channelName());
        assertEquals(1, slackApi.calls("pins.add").size());
        assertEquals(versionBefore, core.storage().incidents().find(incident.id()).orElseThrow().version(), "the incident is untouched");
    }

    @Test
    void aNameCollisionWithSomeoneElsesChannel_getsASuffix() {
        declare();

        drainEvents().forEach(warRoom("general", core.storage(), new SlackCalls(3, Duration.ofMillis(1), Duration.ofSeconds(2)))::on);

        var created = slackApi.calls("conversations.create");
        assertEquals(List.of("general", "general-2"), created.stream().map(c -> c.param("name")).toList());
    }

    @Test
    void laterChanges_redrawTheCardInPlace_andSeverityChangesAreBroadcastOnce() {
        Incident incident = declare();
        WarRoomService warRoom = warRoom();
        drainEvents().forEach(warRoom::on);
        slackApi.clear();
        notifications.clear();

        core.incidents().changeSeverity(incident.id(), Severity.SEV1, "U0BOB");
        List<DomainEvent> events = drainEvents();
        events.forEach(warRoom::on);
        events.forEach(warRoom::on);

        assertEquals(2, slackApi.calls("chat.update").size(), "redrawn on each delivery: idempotent");
        assertTrue(slackApi.calls("chat.update").get(0).param("blocks").contains("SEV1"));
        assertEquals(1, slackApi.calls("chat.postMessage").stream().filter(c -> BROADCAST.equals(c.param("channel"))).count());
        assertEquals(1, notifications.size());
        assertEquals("SEV1", notifications.get(0).get("severity"));
        assertEquals(new IncidentId(1), incident.id());
    }
}
