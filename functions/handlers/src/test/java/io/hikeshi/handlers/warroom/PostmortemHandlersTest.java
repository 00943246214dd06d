package io.hikeshi.handlers.warroom;

import io.hikeshi.handlers.lambda.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.store.Change;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.slack.DigestHandler;
import io.hikeshi.handlers.events.PostmortemHandler;
import io.hikeshi.handlers.slack.ReminderHandler;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.TestClocks;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The postmortem functions with the payloads EventBridge and Scheduler deliver. */
class PostmortemHandlersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** INC-0042 opened at the samples' alarm; people act on it from this moment, the same day (never the machine's). */
    private static final Clock CLOCK = TestClocks.fixedAt(TestClocks.AFTER_SAMPLE_ALARMS);
    private final List<String> scheduled = new ArrayList<>();
    private SlackApiStub slackApi;
    private Composition core;
    private PostmortemNotices notices;

    @BeforeEach
    void setUp() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "pm-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        core = Composition.fromSettings(Map.of(Settings.TABLE, table, Settings.LOCALE, "en"), dynamo, ref -> "x",
                new ReminderScheduler() {
                    @Override
                    public void schedule(Reminder reminder) {
                        scheduled.add(reminder.id());
                    }

                    @Override
                    public void cancel(String reminderId) {
                        scheduled.remove(reminderId);
                    }
                }, CLOCK);
        slackApi = SlackApiStub.start();
        SlackWiring slack = new SlackWiring(core, new HikeshiSlackApp.Settings("s", "xoxb-test",
                slackApi.methodsUrlPrefix(), Locale.ENGLISH), task -> { });
        notices = slack.postmortemNotices("C0INCIDENTS", new SlackCalls(2, Duration.ofMillis(1), Duration.ofSeconds(1)));
    }

    @AfterEach
    void tearDown() {
        slackApi.close();
    }

    /** INC-0042, resolved, with its war room C0WARROOM: what the sample reminder points at. */
    private IncidentId resolvedInc42() {
        Incident incident = Incident.open(new IncidentId(42), "Payment API returns 5xx", Severity.SEV2, "payment-api", null,
                null, TestClocks.SAMPLE_ALARM_FIRED);
        core.storage().incidents().commit(new Change(null, new Change.Create(incident), null, List.of()));
        core.incidents().assignCommander(incident.id(), "U0BOB", "U0BOB");
        core.incidents().changeStatus(incident.id(), Status.RESOLVED, "U0BOB");
        core.storage().warRooms().recordChannel(incident.id(), "inc-20261124-0042-payment-api", "C0WARROOM");
        return incident.id();
    }

    @ParameterizedTest
    @Event(value = "events/eventbridge-incident-opened.json", type = Map.class)
    void postmortemHandler_draftsOnResolved_only(Map<String, Object> opened) throws Exception {
        IncidentId id = resolvedInc42();
        Map<String, Object> resolved = new java.util.HashMap<>(opened);
        Map<String, Object> detail = new java.util.HashMap<>(JSON.convertValue(opened.get("detail"), Map.class));
        detail.put("type", "INCIDENT_RESOLVED");
        detail.put("incident", id.toString());
        resolved.put("detail-type", "Incident Resolved");
        resolved.put("detail", detail);

        new PostmortemHandler(core.postmortems()).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(opened)),
                new ByteArrayOutputStream(), null);
        assertTrue(core.postmortems().find(id).isEmpty(), "'opened' drafts nothing");
        new PostmortemHandler(core.postmortems()).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(resolved)),
                new ByteArrayOutputStream(), null);

        assertEquals("U0BOB", core.postmortems().get(id).owner());
        assertTrue(scheduled.contains("pm-INC-0042-due"));
    }

    @ParameterizedTest
    @Event(value = "events/scheduler-reminder-due.json", type = Map.class)
    void dueReminder_speaksInTheWarRoom_once_andNotAtAllWhenComplete(Map<String, Object> input) throws Exception {
        IncidentId id = resolvedInc42();
        core.postmortems().draftOnResolve(id, "U0BOB");
        ReminderHandler handler = new ReminderHandler(notices);

        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(input)), new ByteArrayOutputStream(), null);
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(input)), new ByteArrayOutputStream(), null);

        var posts = slackApi.calls("chat.postMessage");
        assertEquals(1, posts.size(), "a duplicate delivery posts once");
        assertEquals("C0WARROOM", posts.get(0).param("channel"));
        assertTrue(posts.get(0).param("text").contains("due today"), posts.get(0).param("text"));
        assertTrue(posts.get(0).param("text").contains("Impact"), "it says what is missing");
    }

    @ParameterizedTest
    @Event(value = "events/scheduler-reminder-due.json", type = Map.class)
    void reminderOfACompletePostmortem_isSilent(Map<String, Object> input) throws Exception {
        IncidentId id = resolvedInc42();
        var pm = core.postmortems().draftOnResolve(id, "U0BOB").orElseThrow();
        core.storage().postmortems().save(pm.completed("U0BOB", CLOCK.instant()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReminderHandler(notices).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(input)), out, null);

        assertTrue(slackApi.calls("chat.postMessage").isEmpty());
        assertEquals("[]", JSON.readTree(out.toByteArray()).path("spokeTo").toString());
    }

    @ParameterizedTest
    @Event(value = "events/scheduler-reminder-due.json", type = Map.class)
    void weeklyDigest_listsOverduePostmortems(Map<String, Object> ignored) throws Exception {
        IncidentId id = resolvedInc42();
        var pm = core.postmortems().draftOnResolve(id, "U0BOB").orElseThrow();
        core.storage().postmortems().save(pm.withOwner("U0BOB", java.time.LocalDate.of(2026, 1, 5)));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DigestHandler(notices).handleRequest(new ByteArrayInputStream("{}".getBytes()), out, null);

        String digest = JSON.readTree(out.toByteArray()).path("digest").asText();
        assertTrue(digest.contains("Overdue postmortems (1)"), digest);
        assertTrue(digest.contains("INC-0042"));
        assertEquals("C0INCIDENTS", slackApi.calls("chat.postMessage").get(0).param("channel"));
    }
}
