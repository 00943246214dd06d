package io.hikeshi.handlers.slack;

import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.lambda.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.TestSlackClients;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.warroom.SlackWarRoomChat;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.slackstub.SlackSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack cockpit end to end: signed requests in payload format 2.0 → SlackHandler → the real
 * Bolt app → the core on DynamoDB Local; the Slack Web API is a Slack-shaped stub on loopback.
 */
class SlackHandlerTest {

    static final String SECRET = "test-signing-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Bolt checks a request's signed timestamp against the machine's clock (Slack's 5-minute window), so
     * this test takes every time from now: the core's, the signatures' and the dates and messages it makes.
     */
    private static final Clock NOW = Clock.systemUTC();

    private SlackApiStub slackApi;
    private Composition core;
    private SlackWiring slack;
    private SlackHandler handler;
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final List<String> scheduledReminders = new CopyOnWriteArrayList<>();
    private String table;
    /** The war room's card, posted by {@link #declaredWithWarRoom}. */
    private String cardTs;

    @BeforeEach
    void setUp() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        table = "slack-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        core = Composition.fromSettings(Map.of(Settings.TABLE, table, Settings.LOCALE, "en"), dynamo, ref -> "x",
                new io.hikeshi.core.postmortem.ReminderScheduler() {
                    @Override
                    public void schedule(Reminder reminder) {
                        scheduledReminders.add(reminder.id());
                    }

                    @Override
                    public void cancel(String reminderId) {
                        scheduledReminders.remove(reminderId);
                    }
                }, NOW);
        slackApi = SlackApiStub.start();
        slackApi.respond("users.info", "{\"ok\":true,\"user\":{\"id\":\"U0ALICE\",\"name\":\"alice\",\"locale\":\"en-US\"}}");
        slack = new SlackWiring(core, new HikeshiSlackApp.Settings(SECRET, "xoxb-test", slackApi.methodsUrlPrefix(),
                Locale.ENGLISH), queued::add);
        handler = new SlackHandler(slack);
    }

    @AfterEach
    void tearDown() {
        slackApi.close();
    }

    @Test
    void snapStartPriming_answersASignedUrlCheck_soNothingIsWrittenOrSent() {
        // WHEN the Slack function is primed before its snapshot
        boolean answered = handler.prime();

        // THEN the signed URL check went through the signature check, Bolt's parsing and middleware and was
        // answered: Slack was at most asked who the bot is (auth.test, a read), no item was written, nothing was queued
        assertTrue(answered);
        assertEquals(List.of(), slackApi.calls().stream().map(SlackApiStub.Call::method)
                .filter(method -> !method.equals("auth.test")).toList());
        assertTrue(queued.isEmpty());
        assertEquals(0, EmbeddedDynamoDb.shared().client().scan(r -> r.tableName(table)).count());
    }

    // ---- slash command and modals ----

    @Test
    void declare_opensTheModal_withinTheAck() throws Exception {
        JsonNode response = send(sample("slack-command-incident-declare.txt"));

        assertEquals(200, response.path("statusCode").asInt());
        var opened = slackApi.calls("views.open");
        assertEquals(1, opened.size());
        assertTrue(opened.get(0).param("view").contains("\"callback_id\":\"declare_incident\""));
        assertTrue(opened.get(0).param("trigger_id").startsWith("8095117703590"));
    }

    @Test
    void declareSubmission_createsTheIncident_andAnnouncesItAfterTheAck_once() throws Exception {
        String submission = sample("slack-view-submission-declare.json");

        JsonNode first = send(SlackSigner.payloadBody(submission));
        JsonNode again = sendSignedAt(SlackSigner.payloadBody(submission), NOW.instant().getEpochSecond() + 1);

        assertEquals(200, first.path("statusCode").asInt());
        assertEquals("", first.path("body").asText(), "an empty ack closes the modal");
        assertEquals(200, again.path("statusCode").asInt());
        List<Incident> incidents = core.storage().search().recent(10);
        assertEquals(1, incidents.size(), "the same view submitted twice declares once");
        Incident incident = incidents.get(0);
        assertEquals("Payment API returns 5xx", incident.title());
        assertEquals(Severity.SEV2, incident.severity());
        assertEquals("payment-api", incident.service());
        assertTrue(slackApi.calls("chat.postMessage").isEmpty(), "no Slack post inside the 3-second answer");
        runQueuedTasks();
        var posted = slackApi.calls("chat.postMessage");
        assertEquals(1, posted.size());
        assertEquals("C0GENERAL", posted.get(0).param("channel"));
        assertTrue(posted.get(0).param("blocks").contains("incident_acknowledge"), "the card with its buttons");
    }

    @Test
    void declareSubmission_withBadFields_answersFieldErrors_andSavesNothing() throws Exception {
        ObjectNode submission = (ObjectNode) JSON.readTree(sample("slack-view-submission-declare.json"));
        ObjectNode values = (ObjectNode) submission.path("view").path("state").path("values");
        ((ObjectNode) values.path("title").path("value")).put("value", " ");
        ((ObjectNode) values.path("service").path("value")).put("value", "Payment API!");

        JsonNode response = send(SlackSigner.payloadBody(JSON.writeValueAsString(submission)));

        JsonNode body = JSON.readTree(response.path("body").asText());
        assertEquals("errors", body.path("response_action").asText());
        assertEquals("A title is needed.", body.path("errors").path("title").asText());
        assertTrue(body.path("errors").has("service"));
        assertTrue(core.storage().search().recent(10).isEmpty());
    }

    @Test
    void noteTypedInTheWarRoom_actsOnItsIncident() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");

        JsonNode response = send(sample("slack-command-incident-note.txt"));

        JsonNode body = JSON.readTree(response.path("body").asText());
        assertEquals("ephemeral", body.path("response_type").asText());
        assertTrue(body.path("text").asText().contains(id + ": note added"));
        assertTrue(timeline(id).stream().anyMatch(e -> e.kind() == TimelineKind.NOTE
                && e.text().equals("Rolled back payment-api") && e.actor().equals("U0ALICE")));
    }

    @Test
    void commandElsewhere_asksWhichIncident_andThePickRunsIt() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");
        String note = sample("slack-command-incident-note.txt").replace("channel_id=C0WARROOM", "channel_id=C0GENERAL");

        JsonNode asked = JSON.readTree(send(note).path("body").asText());

        assertTrue(asked.toString().contains("incident_pick:" + id), asked.toString());
        assertTrue(timeline(id).stream().noneMatch(e -> e.kind() == TimelineKind.NOTE));
        String pick = blockAction("incident_pick:" + id, id + "|note Rolled back payment-api", "C0GENERAL");
        send(SlackSigner.payloadBody(pick));
        assertTrue(timeline(id).stream().anyMatch(e -> e.kind() == TimelineKind.NOTE), "the picked incident got the note");
    }

    @Test
    void severityAndCommander_changeTheIncident_andTellTheCallerAlone_theWarRoomHearsFromItsFlow() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");

        JsonNode severity = JSON.readTree(send(command("severity sev1", "C0WARROOM")).path("body").asText());
        JsonNode commander = JSON.readTree(send(command("commander <@U0BOB|bob>", "C0WARROOM")).path("body").asText());

        // THEN the caller is told it is done; the room's one line per change comes from the war-room flow (WarRoomServiceTest)
        assertEquals("ephemeral", severity.path("response_type").asText());
        assertEquals("ephemeral", commander.path("response_type").asText());
        Incident incident = core.storage().incidents().find(id).orElseThrow();
        assertEquals(Severity.SEV1, incident.severity());
        assertEquals("U0BOB", incident.commander());
    }

    @Test
    void commanderTypedAsPlainText_isRefusedWithAHint_andNobodyTakesCommand() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");

        // WHEN a name arrives as plain text rather than as a mention
        JsonNode reply = JSON.readTree(send(command("commander @kenji", "C0WARROOM")).path("body").asText());

        // THEN the caller is not made commander by mistake, and is told how to mention someone
        assertEquals("ephemeral", reply.path("response_type").asText());
        assertTrue(reply.path("text").asText().contains("`@kenji` is not a mention"), reply.toString());
        assertNull(core.storage().incidents().find(id).orElseThrow().commander());
    }

    @Test
    void statusAndResolve_openModals_andTheirSubmissionsChangeTheIncident() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");
        send(command("status", "C0WARROOM"));
        send(command("resolve", "C0WARROOM"));
        assertEquals(2, slackApi.calls("views.open").size());

        send(SlackSigner.payloadBody(viewSubmission("status_update", id + "|C0WARROOM",
                Map.of("status", Map.of("type", "static_select", "selected_option", Map.of("value", "MITIGATED")),
                        "summary", Map.of("type", "plain_text_input", "value", "Rolled back; error rate normal")))));
        assertEquals(Status.MITIGATED, core.storage().incidents().find(id).orElseThrow().status());
        send(SlackSigner.payloadBody(viewSubmission("resolve_incident", id + "|C0WARROOM",
                Map.of("resolution", Map.of("type", "plain_text_input", "value", "Bad deploy rolled back; fix in #4512")))));

        Incident incident = core.storage().incidents().find(id).orElseThrow();
        assertEquals(Status.RESOLVED, incident.status());
        assertEquals(2, timeline(id).stream().filter(e -> e.kind() == TimelineKind.STATUS_UPDATE).count());
        runQueuedTasks();
        assertEquals(2, slackApi.calls("chat.postEphemeral").size(), "the person is told each update is posted");
        assertEquals(0, slackApi.calls("chat.postMessage").size(), "the war room hears of each once, from its flow");

        // WHEN the resolve form is submitted again
        JsonNode again = send(SlackSigner.payloadBody(viewSubmission("resolve_incident", id + "|C0WARROOM",
                Map.of("resolution", Map.of("type", "plain_text_input", "value", "Resolved twice")))));

        // THEN it is refused in the form, and nothing more is recorded
        assertTrue(again.path("body").asText().contains("is already resolved"), again.toString());
        assertEquals(2, timeline(id).stream().filter(e -> e.kind() == TimelineKind.STATUS_UPDATE).count());
    }

    @Test
    void statusSubmission_withoutASummary_answersAFieldError() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");

        JsonNode response = send(SlackSigner.payloadBody(viewSubmission("status_update", id + "|C0WARROOM",
                Map.of("status", Map.of("type", "static_select", "selected_option", Map.of("value", "MITIGATED")),
                        "summary", Map.of("type", "plain_text_input")))));

        assertEquals("errors", JSON.readTree(response.path("body").asText()).path("response_action").asText());
        assertEquals(Status.TRIGGERED, core.storage().incidents().find(id).orElseThrow().status());
    }

    @Test
    void statusSubmission_withAnUnknownStatus_answersAFieldError_andChangesNothing() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");

        JsonNode response = send(SlackSigner.payloadBody(viewSubmission("status_update", id + "|C0WARROOM",
                Map.of("status", Map.of("type", "static_select", "selected_option", Map.of("value", "SEV1")),
                        "summary", Map.of("type", "plain_text_input", "value", "Rolled back")))));

        assertEquals(200, response.path("statusCode").asInt());
        JsonNode body = JSON.readTree(response.path("body").asText());
        assertEquals("Choose one of the options.", body.path("errors").path("status").asText(), body.toString());
        assertEquals(Status.TRIGGERED, core.storage().incidents().find(id).orElseThrow().status());
    }

    // ---- the card's buttons ----

    @Test
    void acknowledgeClickedTwice_changesTheIncidentOnce() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");
        String click = sample("slack-block-actions-acknowledge.json").replace("INC-0042", id.toString())
                .replace("1795403567.000100", cardTs); // the sample's card is the one posted in this war room

        // Two clicks are two requests, signed a moment apart.
        assertEquals(200, send(SlackSigner.payloadBody(click)).path("statusCode").asInt());
        assertEquals(200, sendSignedAt(SlackSigner.payloadBody(click), NOW.instant().getEpochSecond() + 1)
                .path("statusCode").asInt());

        assertEquals(Status.ACKNOWLEDGED, core.storage().incidents().find(id).orElseThrow().status());
        assertEquals(1, timeline(id).stream().filter(e -> e.kind() == TimelineKind.STATUS_CHANGED).count());
        runQueuedTasks();
        assertEquals(1, slackApi.calls("chat.update").size(), "the card redrawn after the first click");
        assertTrue(slackApi.calls("chat.postEphemeral").get(0).param("text").contains("is already acknowledged"),
                "the second click is told why nothing changed");
    }

    @Test
    void takeCommandAndSeveritySelect_onTheCard() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");

        send(SlackSigner.payloadBody(blockAction("incident_take_command", id.toString(), "C0WARROOM")));
        send(SlackSigner.payloadBody(severitySelect(id + "|SEV1")));

        Incident incident = core.storage().incidents().find(id).orElseThrow();
        assertEquals("U0BOB", incident.commander());
        assertEquals(Severity.SEV1, incident.severity());
    }

    // ---- Events API ----

    @Test
    void pushpinInTheWarRoom_putsTheMessageOnTheTimeline_once_evenWhenSlackRetries() throws Exception {
        // GIVEN a war room, and in it a message written a minute ago (the sample's message, moved to now)
        IncidentId id = declaredWithWarRoom("C0WARROOM");
        long written = NOW.instant().getEpochSecond() - 60;
        String event = sample("slack-event-reaction-added.json").replace("1795403600.000200", written + ".000200");

        // WHEN someone pins it with 📌, and Slack delivers the event again as a retry
        assertEquals(200, send(event).path("statusCode").asInt());
        Map<String, String> retry = new HashMap<>(SlackSigner.headers(SECRET, NOW.instant().getEpochSecond(), event));
        retry.put("X-Slack-Retry-Num", "1");
        retry.put("X-Slack-Retry-Reason", "http_timeout");
        assertEquals(200, send(event, retry).path("statusCode").asInt());
        runQueuedTasks();

        // THEN the message is on the incident's timeline once, at the time it was written, with who pinned it
        List<TimelineEntry> pins = timeline(id).stream().filter(e -> e.kind() == TimelineKind.PINNED_MESSAGE).toList();
        assertEquals(1, pins.size());
        assertEquals(written, pins.get(0).at().getEpochSecond(), "the message's own time, not the pin's");
        assertEquals(SlackApiStub.HISTORY_TEXT, pins.get(0).text());
        assertTrue(pins.get(0).attributes().get("permalink").startsWith("https://"));
        assertEquals("U0ALICE", pins.get(0).attributes().get("pinnedBy"));
    }

    @Test
    void appHomeOpened_publishesTheOpenIncidents() throws Exception {
        declaredWithWarRoom("C0WARROOM");

        send(sample("slack-event-app-home-opened.json"));
        runQueuedTasks();

        var published = slackApi.calls("views.publish");
        assertEquals(1, published.size());
        assertEquals("U0ALICE", published.get(0).param("user_id"));
        assertTrue(published.get(0).param("view").contains("Payment API returns 5xx"));
    }

    @Test
    void urlVerification_echoesTheChallenge() throws Exception {
        JsonNode response = send(sample("slack-url-verification.json"));

        assertEquals(200, response.path("statusCode").asInt());
        String challenge = JSON.readTree(sample("slack-url-verification.json")).path("challenge").asText();
        assertTrue(response.path("body").asText().contains(challenge));
    }

    @Test
    void japaneseSpeakers_getJapanese() throws Exception {
        slackApi.respond("users.info", "{\"ok\":true,\"user\":{\"id\":\"U0ALICE\",\"locale\":\"ja-JP\"}}");

        JsonNode help = JSON.readTree(send(command("help", "C0GENERAL")).path("body").asText());

        assertTrue(help.path("text").asText().contains("インシデントを宣言"), help.toString());
    }

    // ---- postmortem ----

    @Test
    void postmortem_showsItsChecklist_editsSaveThroughModals_andCompleteWaitsForTheChecklist() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");
        core.incidents().changeStatus(id, Status.RESOLVED, "U0BOB");
        core.postmortems().draftOnResolve(id, "U0BOB");

        JsonNode shown = JSON.readTree(send(command("postmortem", "C0WARROOM")).path("body").asText());
        assertTrue(shown.toString().contains("pm_complete") && shown.toString().contains("pm_edit_section"), shown.toString());
        assertTrue(shown.toString().contains("Impact"));

        send(SlackSigner.payloadBody(viewSubmission("pm_section", id + "|IMPACT|" + core.postmortems().get(id).version(),
                Map.of("text", Map.of("type", "plain_text_input", "value", "18% of checkouts failed for 29 minutes")))));
        JsonNode badLink = send(SlackSigner.payloadBody(actionItem(id, "javascript:alert(1)")));
        send(SlackSigner.payloadBody(actionItem(id, "https://tracker.example.jp/PAY-881")));

        var pm = core.postmortems().get(id);
        assertEquals("18% of checkouts failed for 29 minutes", pm.impact());
        assertEquals("errors", JSON.readTree(badLink.path("body").asText()).path("response_action").asText());
        assertEquals(1, pm.actionItems().size(), "only the valid action item was saved");
        assertEquals("U0BOB", pm.actionItems().get(0).owner());

        send(SlackSigner.payloadBody(blockAction("pm_complete", id.toString(), "C0WARROOM")));
        runQueuedTasks();
        assertTrue(slackApi.calls("chat.postEphemeral").get(0).param("text").contains("cannot be completed yet"));
        assertTrue(core.postmortems().find(id).orElseThrow().completedAt() == null);
        assertTrue(scheduledReminders.contains("pm-" + id + "-overdue-7"), "reminders still pending");
    }

    @Test
    void postmortemModals_submittedAfterCompletion_orWithBadFields_answerFieldErrors() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");
        core.incidents().changeStatus(id, Status.RESOLVED, "U0BOB");
        core.postmortems().draftOnResolve(id, "U0BOB");
        JsonNode badFields = send(SlackSigner.payloadBody(viewSubmission("pm_action_item", id.toString(), Map.of(
                "description", Map.of("type", "plain_text_input", "value", "Canary deploys"),
                "type", Map.of("type", "static_select"),
                "due", Map.of("type", "datepicker", "selected_date", "2026-13-40")))));
        var pm = core.postmortems().get(id);
        core.storage().postmortems().save(pm.completed("U0BOB", NOW.instant()));

        JsonNode late = send(SlackSigner.payloadBody(viewSubmission("pm_section", id + "|IMPACT|" + core.postmortems().get(id).version(),
                Map.of("text", Map.of("type", "plain_text_input", "value", "written after completion")))));

        JsonNode errors = JSON.readTree(badFields.path("body").asText()).path("errors");
        List<String> fields = new ArrayList<>();
        errors.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("type", "due"), Set.copyOf(fields), errors.toString());
        assertEquals(200, late.path("statusCode").asInt());
        assertTrue(JSON.readTree(late.path("body").asText()).path("errors").path("text").asText().contains("complete"));
        assertEquals(null, core.postmortems().get(id).impact(), "the completed postmortem is the record");
    }

    private static String actionItem(IncidentId id, String link) throws Exception {
        return viewSubmission("pm_action_item", id.toString(), Map.of(
                "description", Map.of("type", "plain_text_input", "value", "Canary payment-api deploys"),
                "type", Map.of("type", "static_select", "selected_option", Map.of("value", "PREVENT")),
                "owner", Map.of("type", "users_select", "selected_user", "U0BOB"),
                "due", Map.of("type", "datepicker", "selected_date", LocalDate.now(NOW).plusWeeks(2).toString()),
                "link", Map.of("type", "plain_text_input", "value", link)));
    }

    // ---- hostile and bad input: the right status, nothing written ----

    @Test
    void forgedStaleReplayedOrUnsignedRequests_areRefused_andChangeNothing() throws Exception {
        String body = command("note INC-0001 pwned", "C0GENERAL");
        declaredWithWarRoom("C0WARROOM");
        long now = NOW.instant().getEpochSecond();
        Map<String, String> forged = new HashMap<>(SlackSigner.headers("not-the-secret", now, body));
        Map<String, String> stale = SlackSigner.headers(SECRET, now - 301, body);
        Map<String, String> valid = SlackSigner.headers(SECRET, now, body);

        int forgedStatus = send(body, forged).path("statusCode").asInt();
        int missingStatus = send(body, Map.of()).path("statusCode").asInt();
        int staleStatus = send(body, stale).path("statusCode").asInt();
        int firstStatus = send(body, valid).path("statusCode").asInt();
        int replayStatus = send(body, valid).path("statusCode").asInt();

        assertEquals(List.of(401, 401, 401, 200, 401), List.of(forgedStatus, missingStatus, staleStatus, firstStatus, replayStatus));
        assertEquals(1, timeline(new IncidentId(1)).stream().filter(e -> e.kind() == TimelineKind.NOTE).count(),
                "only the one genuine request wrote");
    }

    @Test
    void unknownSubcommand_oversizedNote_andMalformedPayload_getClearAnswers_andWriteNothing() throws Exception {
        IncidentId id = declaredWithWarRoom("C0WARROOM");

        JsonNode unknown = JSON.readTree(send(command("explode", "C0WARROOM")).path("body").asText());
        JsonNode oversized = JSON.readTree(send(command("note " + "x".repeat(3001), "C0WARROOM")).path("body").asText());
        JsonNode malformed = send("payload=%7Bnot-json");
        JsonNode otherCommand = send(command("anything", "C0WARROOM").replace("command=%2Fincident", "command=%2Fdeploy"));

        assertTrue(unknown.path("text").asText().contains("I don't know `/incident explode`"), unknown.toString());
        assertTrue(oversized.path("text").asText().contains("3001 characters; the limit is 3000"), oversized.toString());
        assertTrue(malformed.path("statusCode").asInt() >= 400, malformed.toString());
        // a command the app has no listener for is acknowledged empty (Bolt's 404 counts as a failed delivery)
        assertEquals(200, otherCommand.path("statusCode").asInt(), otherCommand.toString());
        assertEquals("", otherCommand.path("body").asText(), otherCommand.toString());
        assertTrue(timeline(id).stream().noneMatch(e -> e.kind() == TimelineKind.NOTE));
    }

    // ---- helpers ----

    /**
     * An incident and its war room as the war-room flow leaves it: the channel recorded, the card posted there by the
     * app, pinned and recorded ({@link #cardTs}), so the card's buttons act on a message that exists in Slack.
     */
    private IncidentId declaredWithWarRoom(String channel) {
        Incident incident = core.incidents().declare("Payment API returns 5xx", Severity.SEV2, "payment-api",
                "Checkout failing", "U0ALICE", null).orElseThrow();
        core.storage().warRooms().recordChannel(incident.id(), "inc-" + incident.id().number() + "-payment-api", channel);
        SlackWarRoomChat chat = new SlackWarRoomChat(TestSlackClients.client(slackApi), SlackCalls.standard(),
                Messages.of(Locale.ENGLISH));
        cardTs = chat.postCard(channel, incident);
        chat.pin(channel, cardTs);
        core.storage().warRooms().recordCard(incident.id(), cardTs);
        // the people who act in these tests are responders in the room (who may resolve, lower severity, take command)
        slackApi.join(channel, "U0ALICE");
        slackApi.join(channel, "U0BOB");
        slackApi.clear();
        return incident.id();
    }

    private JsonNode send(String body) throws Exception {
        return send(body, SlackSigner.headers(SECRET, NOW.instant().getEpochSecond(), body));
    }

    private JsonNode sendSignedAt(String body, long epochSeconds) throws Exception {
        return send(body, SlackSigner.headers(SECRET, epochSeconds, body));
    }

    private JsonNode send(String body, Map<String, String> headers) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("rawPath", "/slack/events");
        ObjectNode h = event.putObject("headers");
        h.put("content-type", body.trim().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        event.putObject("requestContext").putObject("http").put("sourceIp", "192.0.2.10");
        event.put("body", body);
        event.put("isBase64Encoded", false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private void runQueuedTasks() throws Exception {
        List<String> tasks = new ArrayList<>(queued);
        queued.clear();
        for (String task : tasks) {
            slack.taskRunner().run(SlackTask.fromJson(task));
        }
    }

    private List<TimelineEntry> timeline(IncidentId id) {
        return core.storage().incidents().timeline(id, 100);
    }

    static String sample(String name) throws Exception {
        return Files.readString(Path.of("events", name)).strip();
    }

    static String command(String text, String channel) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("team_id", "T0HIKESHI");
        params.put("channel_id", channel);
        params.put("user_id", "U0ALICE");
        params.put("user_name", "alice");
        params.put("command", "/incident");
        params.put("text", text);
        params.put("api_app_id", "A0HIKESHI");
        params.put("response_url", "https://hooks.slack.com/commands/T0HIKESHI/1/x");
        params.put("trigger_id", "1.2.3");
        return SlackSigner.formBody(params);
    }

    /** A click on a button of the war room's card (or, elsewhere, of a message Hikeshi posted). */
    private String blockAction(String actionId, String value, String channel) throws Exception {
        ObjectNode payload = cardClick();
        ObjectNode action = (ObjectNode) payload.path("actions").get(0);
        action.put("action_id", actionId);
        action.put("value", value);
        ((ObjectNode) payload.path("channel")).put("id", channel);
        ((ObjectNode) payload.path("container")).put("channel_id", channel);
        return JSON.writeValueAsString(payload);
    }

    /** The sample click, on the card {@link #declaredWithWarRoom} posted. */
    private ObjectNode cardClick() throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(sample("slack-block-actions-acknowledge.json"));
        if (cardTs != null) {
            ((ObjectNode) payload.path("container")).put("message_ts", cardTs);
            ((ObjectNode) payload.path("message")).put("ts", cardTs);
        }
        return payload;
    }

    private String severitySelect(String value) throws Exception {
        ObjectNode payload = cardClick();
        ObjectNode action = (ObjectNode) payload.path("actions").get(0);
        action.put("action_id", "incident_change_severity");
        action.put("type", "static_select");
        action.remove("value");
        action.putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text").put("text", "SEV1");
        return JSON.writeValueAsString(payload);
    }

    private static String viewSubmission(String callbackId, String privateMetadata, Map<String, Object> values) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(sample("slack-view-submission-declare.json"));
        ObjectNode view = (ObjectNode) payload.path("view");
        view.put("id", "V" + UUID.randomUUID().toString().substring(0, 8));
        view.put("callback_id", callbackId);
        view.put("private_metadata", privateMetadata);
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((block, value) -> state.putObject(block).set("value", JSON.valueToTree(value)));
        return JSON.writeValueAsString(payload);
    }
}
