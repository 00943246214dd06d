package io.hikeshi.handlers.slack.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.store.Change;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.TestSlackClients;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.slack.SlackHandler;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.warroom.SlackWarRoomChat;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.slackstub.SlackSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Hikeshi's Slack endpoint as deployed (signed requests, payload format 2.0, {@link SlackHandler}, the real Bolt app,
 * the core on DynamoDB Local) against the strict Slack stub, with the access settings a test chooses. Its workspace
 * is the stub's ({@code T0HIKESHI}); INC's war room is {@code C0WARROOM}, commanded by Alice, with Bob in it; Carol is
 * in the workspace but not in the room; {@code U0GUEST} is a guest.
 */
final class AccessRig implements AutoCloseable {

    static final String SECRET = "access-signing-secret";
    static final String TEAM = SlackApiStub.TEAM_ID;
    static final String ROOM = "C0WARROOM";
    static final String COMMANDER = "U0ALICE";
    static final String MEMBER = "U0BOB";
    static final String STRANGER = "U0CAROL";
    static final String GUEST = "U0GUEST";
    /** Bolt checks signatures against the machine's clock: requests are signed now, and the core runs on now. */
    static final Clock NOW = Clock.systemUTC();
    private static final ObjectMapper JSON = new ObjectMapper();

    final SlackApiStub slack;
    final Composition core;
    final SlackWiring wiring;
    final SlackHandler handler;
    final List<String> queued = new CopyOnWriteArrayList<>();
    final IncidentId incident;

    /**
     * @param env     access settings ({@link Settings#SLACK_TEAM_ID}, {@link Settings#POLICY} …)
     * @param stubbed how the stub's workspace differs (an enterprise, …)
     */
    AccessRig(Map<String, String> env, UnaryOperator<SlackApiStub.Builder> stubbed) {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "access-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        Map<String, String> settings = new LinkedHashMap<>(env);
        settings.put(Settings.TABLE, table);
        settings.put(Settings.LOCALE, "en");
        core = Composition.fromSettings(settings, dynamo, NOW);
        slack = stubbed.apply(SlackApiStub.builder().withoutRateLimits().guest(GUEST, false)).start();
        wiring = new SlackWiring(core, new HikeshiSlackApp.Settings(SECRET, "xoxb-access", slack.methodsUrlPrefix(),
                Locale.ENGLISH, "https://hikeshi.example.jp"), SlackWiring.access(core.settings(), core.clock()), queued::add);
        wiring.webLinks(user -> "https://hikeshi.example.jp/?token=for-" + user);
        handler = new SlackHandler(wiring);
        incident = declaredWithWarRoom();
    }

    /** INC in SEV2, triggered, commanded by Alice, its card posted and pinned in the war room, Bob in the room. */
    private IncidentId declaredWithWarRoom() {
        Incident declared = core.incidents().declare("Payment API returns 5xx", Severity.SEV2, "payment-api",
                "Checkout failing", COMMANDER, null).orElseThrow();
        // Alice commands, and nobody has acknowledged yet, so an acknowledgement is a change these tests can see
        // (taking command through the service would acknowledge it).
        Incident commanded = core.incidents().get(declared.id()).withCommander(COMMANDER);
        core.storage().incidents().commit(new Change(null, new Change.Update(commanded), null, List.of(), List.of()));
        core.storage().warRooms().recordChannel(declared.id(), "inc-" + declared.id().number() + "-payment-api", ROOM);
        SlackWarRoomChat chat = new SlackWarRoomChat(TestSlackClients.client(slack), SlackCalls.standard(),
                Messages.of(Locale.ENGLISH));
        String cardTs = chat.postCard(ROOM, core.incidents().get(declared.id()));
        core.storage().warRooms().recordCard(declared.id(), cardTs);
        slack.join(ROOM, COMMANDER);
        slack.join(ROOM, MEMBER);
        slack.clear();
        return declared.id();
    }

    // ---- the record ----

    Incident stored() {
        return core.storage().incidents().find(incident).orElseThrow();
    }

    List<TimelineEntry> timeline() {
        return core.storage().incidents().timeline(incident, 100);
    }

    List<Incident> allIncidents() {
        return core.storage().search().recent(100);
    }

    /** The Web API methods called that write something in Slack (not auth.test, users.info, conversations.members). */
    List<String> slackWrites() {
        return slack.calls().stream().map(SlackApiStub.Call::method)
                .filter(m -> !List.of("auth.test", "users.info", "conversations.members").contains(m)).toList();
    }

    /** Runs the tasks the listeners handed on; returns the ephemeral texts they said. */
    List<String> runTasksAndReadEphemerals() {
        List<String> tasks = new ArrayList<>(queued);
        queued.clear();
        for (String task : tasks) {
            try {
                wiring.taskRunner().run(SlackTask.fromJson(task));
            } catch (Exception e) {
                throw new AssertionError("Slack task failed: " + task, e);
            }
        }
        return slack.calls("chat.postEphemeral").stream().map(c -> c.param("text")).toList();
    }

    // ---- Slack's requests, signed ----

    /** {@code /incident <text>} by {@code user} of {@code team}; the raw response (status, body). */
    JsonNode command(String text, String user, String team, String enterprise) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("team_id", team);
        if (enterprise != null) {
            params.put("enterprise_id", enterprise);
        }
        params.put("channel_id", ROOM);
        params.put("user_id", user);
        params.put("command", "/incident");
        params.put("text", text);
        params.put("api_app_id", "A0HIKESHI");
        params.put("response_url", "https://hooks.slack.com/commands/" + team + "/1/x");
        params.put("trigger_id", "1." + UUID.randomUUID());
        return send(SlackSigner.formBody(params));
    }

    JsonNode command(String text, String user) {
        return command(text, user, TEAM, null);
    }

    /** The text of a command's answer. */
    static String answerText(JsonNode response) {
        try {
            String body = response.path("body").asText();
            return body.isEmpty() ? "" : JSON.readTree(body).path("text").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A modal's field errors, as one string per field. */
    static Map<String, String> fieldErrors(JsonNode response) {
        try {
            String body = response.path("body").asText();
            Map<String, String> errors = new LinkedHashMap<>();
            if (!body.isEmpty()) {
                JSON.readTree(body).path("errors").properties().forEach(e -> errors.put(e.getKey(), e.getValue().asText()));
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A click on the war room's card (a button, or a choice in the severity select). */
    JsonNode cardAction(String actionId, String value, String user, String team) {
        return cardAction(actionId, value, user, team, team);
    }

    /** @param userTeam the workspace the person belongs to ({@code user.team_id}), another one for a Slack Connect visitor */
    JsonNode cardAction(String actionId, String value, String user, String team, String userTeam) {
        ObjectNode payload = sample("slack-block-actions-acknowledge.json");
        ((ObjectNode) payload.path("user")).put("id", user).put("team_id", userTeam);
        ((ObjectNode) payload.path("team")).put("id", team);
        ((ObjectNode) payload.path("channel")).put("id", ROOM);
        ((ObjectNode) payload.path("container")).put("channel_id", ROOM)
                .put("message_ts", core.storage().warRooms().find(incident).orElseThrow().cardTs());
        ObjectNode action = (ObjectNode) payload.path("actions").get(0);
        action.put("action_id", actionId);
        if (actionId.equals("incident_change_severity")) {
            action.put("type", "static_select").remove("value");
            action.putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text").put("text", "SEV");
        } else {
            action.put("value", value);
        }
        return interaction(payload);
    }

    JsonNode cardAction(String actionId, String value, String user) {
        return cardAction(actionId, value, user, TEAM);
    }

    /** A modal submitted by {@code user}, with these input values ({@code block → element state}). */
    JsonNode viewSubmission(String callbackId, String privateMetadata, Map<String, Object> values, String user, String team) {
        ObjectNode payload = sample("slack-view-submission-declare.json");
        ((ObjectNode) payload.path("user")).put("id", user).put("team_id", team);
        ((ObjectNode) payload.path("team")).put("id", team);
        ObjectNode view = (ObjectNode) payload.path("view");
        view.put("id", "V" + UUID.randomUUID().toString().substring(0, 10).toUpperCase(Locale.ROOT));
        view.put("team_id", team);
        view.put("callback_id", callbackId);
        view.put("private_metadata", privateMetadata);
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((block, value) -> state.putObject(block).set("value", JSON.valueToTree(value)));
        return interaction(payload);
    }

    JsonNode resolveSubmission(String user, String team) {
        return viewSubmission("resolve_incident", incident + "|" + ROOM,
                Map.of("resolution", Map.of("type", "plain_text_input", "value", "Rolled back")), user, team);
    }

    JsonNode statusSubmission(String status, String user) {
        return viewSubmission("status_update", incident + "|" + ROOM, Map.of(
                "status", Map.of("type", "static_select", "selected_option", Map.of("value", status)),
                "summary", Map.of("type", "plain_text_input", "value", "Error rate back to normal")), user, TEAM);
    }

    JsonNode declareSubmission(String user, String team) {
        return viewSubmission("declare_incident", ROOM, Map.of(
                "title", Map.of("type", "plain_text_input", "value", "Checkout down"),
                "severity", Map.of("type", "static_select", "selected_option", Map.of("value", "SEV1")),
                "service", Map.of("type", "plain_text_input", "value", "checkout")), user, team);
    }

    /** A 📌 on a message in the war room, by Alice, as the Events API delivers it from {@code team}. */
    JsonNode pushpinEvent(String team, String enterprise) {
        ObjectNode callback = sample("slack-event-reaction-added.json");
        callback.put("team_id", team).put("event_id", "Ev" + UUID.randomUUID().toString().substring(0, 8));
        if (enterprise != null) {
            callback.put("enterprise_id", enterprise);
        }
        long written = NOW.instant().getEpochSecond() - 60;
        slack.addMessage(ROOM, written + ".000200", MEMBER, "Rolled back payment-api");
        ((ObjectNode) callback.path("event").path("item")).put("ts", written + ".000200");
        return send(callback.toString());
    }

    JsonNode homeOpenedEvent(String team) {
        ObjectNode callback = sample("slack-event-app-home-opened.json");
        callback.put("team_id", team).put("event_id", "Ev" + UUID.randomUUID().toString().substring(0, 8));
        return send(callback.toString());
    }

    /** A global shortcut (Hikeshi registers none: without the gate Bolt would answer 404). */
    JsonNode globalShortcut(String user, String team) {
        ObjectNode payload = JSON.createObjectNode().put("type", "shortcut").put("callback_id", "declare_incident")
                .put("trigger_id", "1." + UUID.randomUUID()).put("action_ts", "1795403567.000100").put("token", "x");
        payload.putObject("team").put("id", team).put("domain", "elsewhere");
        payload.putObject("user").put("id", user).put("team_id", team).put("username", "mallory");
        return interaction(payload);
    }

    JsonNode interaction(JsonNode payload) {
        try {
            return send(SlackSigner.payloadBody(JSON.writeValueAsString(payload)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(String body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0").put("rawPath", "/slack/events");
        ObjectNode headers = event.putObject("headers");
        headers.put("content-type", body.trim().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        SlackSigner.headers(SECRET, NOW.instant().getEpochSecond(), body)
                .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        event.putObject("requestContext").putObject("http").put("sourceIp", "192.0.2.10");
        event.put("body", body).put("isBase64Encoded", false);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events", name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        slack.close();
    }
}
