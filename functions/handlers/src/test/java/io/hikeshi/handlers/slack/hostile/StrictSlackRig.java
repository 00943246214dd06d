package io.hikeshi.handlers.slack.hostile;

import io.hikeshi.core.testkit.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.aws.scheduler.SchedulerReminderScheduler;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.warroom.ChannelNames;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.core.warroom.WarRoomService;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.alerts.AlarmIngestHandler;
import io.hikeshi.handlers.wiring.AlertsWiring;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.slack.ReminderHandler;
import io.hikeshi.handlers.slack.SlackHandler;
import io.hikeshi.handlers.TestClocks;
import io.hikeshi.handlers.slack.WarRoomHandler;
import io.hikeshi.handlers.wiring.ConfiguredServiceDirectory;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slackstub.ManualClock;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.slackstub.SlackSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hikeshi as deployed, against a Slack as strict as Slack: signed requests in payload format 2.0 through
 * {@link SlackHandler} and the real Bolt app, the core on DynamoDB Local, tasks run as the task function runs them,
 * domain events handed to the war room (and, on "resolved", to the postmortem draft) as the bus's rules do. The stub
 * enforces every rule, rate tiers included, on a clock that moves only when a person acts (five seconds between two
 * actions) or when Hikeshi waits out a 429; nothing sleeps.
 *
 * <p>Every answer Slack would render (a command's ack) is held to Block Kit's rules too, and everything that reached
 * Slack is kept for {@link #cuts()}.
 */
final class StrictSlackRig implements AutoCloseable {

    static final String SECRET = "hostile-signing-secret";
    static final String USER = "U0ALICE";
    static final String BROADCAST = "C0INCIDENTS";
    static final String TEMPLATE = ChannelNames.DEFAULT_TEMPLATE;
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** How long a person takes between two actions, on the stub's clock. */
    static final Duration BETWEEN_ACTIONS = Duration.ofSeconds(5);
    /** A setting of the rig itself: the directory of response guides the war room reads (the repository's by default). */
    static final String GUIDES = "rig.guides";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Where every clock of the rig starts: a fixed instant, never the machine's, so the tests read the same on any day.
     * The signature check runs on {@link #clock} too, so requests are signed on it.
     */
    static final Instant START = Instant.parse("2026-11-27T05:00:00Z");

    final HostileData data;
    final ManualClock slackClock = new ManualClock(START);
    final MovableClock calendar = new MovableClock(START);
    /** The clock people act by, and the one their requests are signed and checked on: it moves with each request. */
    final MovableClock clock = new MovableClock(START);
    final SlackApiStub slack;
    final Composition core;
    final SlackWiring slackSide;
    final SlackHandler handler;
    final WarRoomService warRoom;
    final PostmortemNotices notices;
    /** The reminder function, as Scheduler invokes it: postmortem reminders and update nudges. */
    final ReminderHandler reminders;
    /** The team's language (Japanese unless the settings say otherwise). */
    final Messages m;
    final List<ReminderScheduler.Reminder> scheduled = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> notifications = new CopyOnWriteArrayList<>();
    /** What the command acks said (Slack renders them; no Web API call carries them). */
    final List<JsonNode> acks = new ArrayList<>();
    private final List<String> queued = new CopyOnWriteArrayList<>();
    /** Incidents whose events the war room does not get (the crowd of other open incidents: they have no room). */
    private final Set<String> roomless = new HashSet<>();
    private final Path tempDir;
    private final String servicesFile;
    private IncidentId incident;
    private Instant lastAlarmAt;

    StrictSlackRig(HostileData data) {
        this(data, Map.of());
    }

    /** @param settings the core's settings beyond its table (e.g. {@link Composition#STORM_LIMIT}); the locale is ja unless given */
    StrictSlackRig(HostileData data, Map<String, String> settings) {
        this.data = data;
        try {
            this.tempDir = Files.createTempDirectory("hostile-slack");
            this.servicesFile = data.services() == 0 ? "infrastructure/config/services.json" : servicesFile(data.services());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "hostile-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        Map<String, String> coreSettings = new LinkedHashMap<>(settings);
        String guides = coreSettings.getOrDefault(GUIDES, "infrastructure/guides");
        coreSettings.remove(GUIDES);
        coreSettings.put(Settings.TABLE, table);
        coreSettings.putIfAbsent(Settings.LOCALE, "ja");
        Locale team = Messages.parseLocale(coreSettings.get(Settings.LOCALE));
        m = Messages.of(team);
        coreSettings.put(Settings.SERVICES, servicesFile); // the declare form picks from the war room's services
        core = Composition.fromSettings(coreSettings, dynamo, ref -> "x",
                new ReminderScheduler() {
                    @Override
                    public void schedule(Reminder reminder) {
                        // the same id replaces the schedule, as a schedule's name does in Scheduler
                        scheduled.removeIf(r -> r.id().equals(reminder.id()));
                        scheduled.add(reminder);
                    }

                    @Override
                    public void cancel(String reminderId) {
                        scheduled.removeIf(r -> r.id().equals(reminderId));
                    }
                }, clock, calendar);
        slack = SlackApiStub.builder().clock(slackClock).start(); // strict: the default
        slackSide = new SlackWiring(core, new HikeshiSlackApp.Settings(() -> SECRET, () -> "xoxb-hostile",
                slack.methodsUrlPrefix(), team, "https://hikeshi.example.jp", clock), queued::add);
        handler = new SlackHandler(slackSide);
        SlackCalls calls = SlackCalls.standard().pausingWith(slackClock::advance);
        warRoom = slackSide.warRoom(ConfiguredServiceDirectory.load(core.json(), servicesFile, guides),
                (subject, message, attributes) -> notifications.add(attributes),
                new WarRoomService.Settings(TEMPLATE, BROADCAST, "https://hikeshi.example.jp", TOKYO), calls);
        notices = slackSide.postmortemNotices(BROADCAST, calls);
        reminders = new ReminderHandler(notices, slackSide.updateNudges(calls));
    }

    /** 150 services, each with owners who are in the workspace, user groups and links. */
    private String servicesFile(int count) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("default").putArray("ownerUsers");
        ObjectNode services = root.putObject("services");
        String[] people = {"U0ALICE", "U0BOB", "U0CAROL", "U0ONCALL", "U0KENJI", "U0MISAKI", "U0TAKUMI", "U0HARUKA"};
        for (int i = 0; i < count; i++) {
            ObjectNode s = services.putObject("svc-" + i);
            s.putArray("ownerUsers").add(people[i % people.length]).add(people[(i + 3) % people.length]);
            s.putArray("ownerUserGroups").add("S0SVC" + i);
            s.put("runbookUrl", "https://wiki.example.jp/runbooks/svc-" + i);
            s.put("dashboardUrl", "https://grafana.example.jp/d/svc-" + i + "?orgId=1&from=now-6h&to=now");
        }
        Path file = tempDir.resolve("services.json");
        JSON.writeValue(file.toFile(), root);
        return file.toString();
    }

    // ---- the world the flow runs in ----

    /**
     * The hostile alarm fires (through the alarm-ingest handler, as EventBridge delivers it) and its war room is
     * built; the other open incidents, if the data wants a crowd, are declared with hostile titles and services.
     */
    IncidentId openIncidentWithWarRoom() {
        crowd();
        return withWarRoom(openAlarm(data.alarmName()));
    }

    /** The alarm {@code alarmName} fires, with the data's reason and service: an incident opens (no room yet). */
    IncidentId openAlarm(String alarmName) {
        Map<String, String> outcome = alarm(alarmName, "ALARM");
        assertEquals("OPENED", outcome.get("outcome"), outcome.toString());
        return IncidentId.parse(outcome.get("incident"));
    }

    /** The alarm {@code alarmName} goes into {@code state} (ALARM, OK) now; returns the alarm function's outcome. */
    Map<String, String> alarm(String alarmName, String state) {
        return new AlarmIngestHandler(new AlertsWiring(core)).handle(alarmEvent(alarmName, state));
    }

    /** The other open incidents the data wants (declared with hostile titles and services; they get no room). */
    void crowd() {
        for (int i = 1; i < data.openIncidents(); i++) {
            Incident other = core.incidents().declare(HostileData.exactly(i + " " + HostileData.WORDS, 200), Severity.SEV3,
                    i % 2 == 0 ? data.service() : "svc-" + i, HostileData.exactly(HostileData.WORDS, 1000), USER,
                    "crowd-" + i).orElseThrow();
            roomless.add(other.id().toString());
        }
    }

    /** The war room of {@code opened} is built, as the bus hands it its committed events. */
    IncidentId withWarRoom(IncidentId opened) {
        incident = opened;
        if (data.nameTaken()) { // someone else's channel has the name the war room wants
            slack.addChannel("C0TAKEN", ChannelNames.render(TEMPLATE, core.incidents().get(incident), TOKYO), false, false);
        }
        relayEvents();
        return incident;
    }

    /** The alarm {@code alarmName} goes back to OK, a minute after it fired (resolving with auto-resolve on). */
    void recover(String alarmName) {
        Map<String, String> outcome = new AlarmIngestHandler(new AlertsWiring(core)).handle(alarmEvent(alarmName, "OK"));
        assertEquals("RECOVERED", outcome.get("outcome"), outcome.toString());
    }

    private byte[] alarmEvent(String alarmName, String stateValue) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events", "alarm-metric-alarm.json")));
            Instant now = clock.instant();
            event.put("id", UUID.randomUUID().toString()).put("time", now.toString());
            event.putArray("resources").add("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:" + alarmName);
            ObjectNode detail = (ObjectNode) event.path("detail");
            detail.put("alarmName", alarmName);
            ObjectNode state = (ObjectNode) detail.path("state");
            state.put("reason", data.alarmReason()).put("value", stateValue);
            // Each change of state newer than the last, as CloudWatch's are (the alarm's own time, to the millisecond).
            Instant stamp = now.minusSeconds(2);
            lastAlarmAt = lastAlarmAt == null || stamp.isAfter(lastAlarmAt) ? stamp : lastAlarmAt.plusMillis(1);
            state.put("timestamp", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC)
                    .format(lastAlarmAt));
            detail.putObject("alarmTags").put("hikeshi:service", data.service()).put("hikeshi:severity", "SEV2");
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    IncidentId incident() {
        return incident;
    }

    WarRoom room() {
        return room(incident);
    }

    WarRoom room(IncidentId id) {
        return core.storage().warRooms().find(id).orElseThrow(() -> new AssertionError("no war room for " + id));
    }


    /**
     * The committed events through the war-room function as deployed (its postmortem notices and update cadence
     * included), each delivered {@code times} times as the bus may redeliver, and "resolved" to the postmortem draft too.
     */
    void relayThroughTheFunctions(int times) {
        WarRoomHandler warRoomFunction = new WarRoomHandler(warRoom, notices, core.cadence());
        for (List<DomainEvent> events = core.storage().outbox().pending(100); !events.isEmpty();
             events = core.storage().outbox().pending(100)) {
            for (DomainEvent event : events) {
                byte[] busEvent = ("{\"detail\":" + DomainEventCodec.encode(event) + "}").getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < times; i++) {
                    try {
                        warRoomFunction.handleRequest(new ByteArrayInputStream(busEvent), new ByteArrayOutputStream(), null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (event.type() == DomainEvent.Type.INCIDENT_RESOLVED) {
                    core.postmortems().draftOnResolve(IncidentId.parse(event.incident()), event.attribute("actor"));
                }
            }
            core.storage().outbox().relayed(events);
        }
    }

    /** Committed domain events to the war room, and "resolved" to the postmortem draft, until there are none. */
    void relayEvents() {
        for (List<DomainEvent> events = core.storage().outbox().pending(100); !events.isEmpty();
             events = core.storage().outbox().pending(100)) {
            for (DomainEvent event : events) {
                if (!roomless.contains(event.incident())) {
                    warRoom.on(event);
                    core.cadence().on(event); // as the war-room function sets the update nudges
                }
                if (event.type() == DomainEvent.Type.INCIDENT_RESOLVED) {
                    core.postmortems().draftOnResolve(IncidentId.parse(event.incident()), event.attribute("actor"));
                }
            }
            core.storage().outbox().relayed(events);
        }
    }

    /**
     * A schedule fires: its input, as Scheduler delivers it, through the reminder function.
     *
     * @return the channels it spoke to
     */
    List<String> fire(ReminderScheduler.Reminder reminder) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reminders.handleRequest(new ByteArrayInputStream(SchedulerReminderScheduler.input(reminder)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, null);
            List<String> spokeTo = new ArrayList<>();
            JSON.readTree(out.toByteArray()).path("spokeTo").forEach(channel -> spokeTo.add(channel.asText()));
            return spokeTo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The incident's pending update nudge, as the war room set it. */
    java.util.Optional<ReminderScheduler.Reminder> nudge(IncidentId id) {
        return scheduled.stream().filter(r -> r.id().equals(io.hikeshi.core.cadence.CadenceService.nudgeId(id))).findFirst();
    }

    /** Runs the tasks the listeners handed on, as the task function would. */
    void runTasks() {
        List<String> tasks = new ArrayList<>(queued);
        queued.clear();
        for (String task : tasks) {
            try {
                slackSide.taskRunner().run(SlackTask.fromJson(task));
            } catch (Exception e) {
                throw new AssertionError("Slack task failed: " + task, e);
            }
        }
    }

    /** The record as stored: the incident, and its whole timeline. */
    Incident stored() {
        return core.storage().incidents().find(incident).orElseThrow();
    }

    List<TimelineEntry> timeline() {
        return core.storage().incidents().timeline(incident, 1000);
    }

    // ---- Slack's requests, signed ----

    /** {@code /incident <text>} typed in {@code channel}; returns the ack's JSON (held to Block Kit's rules). */
    JsonNode command(String text, String channel) {
        return command(text, channel, USER);
    }

    /** {@code /incident <text>} typed in {@code channel} by {@code user}. */
    JsonNode command(String text, String channel, String user) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("team_id", "T0HIKESHI");
        params.put("channel_id", channel);
        params.put("user_id", user);
        params.put("user_name", user.toLowerCase(Locale.ROOT));
        params.put("command", "/incident");
        params.put("text", text);
        params.put("api_app_id", "A0HIKESHI");
        params.put("response_url", "https://hooks.slack.com/commands/T0HIKESHI/1/x");
        params.put("trigger_id", "1." + UUID.randomUUID());
        JsonNode response = send(SlackSigner.formBody(params));
        String body = response.path("body").asText();
        JsonNode ack;
        try {
            ack = body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acks.add(ack);
        if (ack.has("blocks")) {
            assertEquals(List.of(), SlackApiStub.messageBlocksBreaches(ack.path("blocks").toString()),
                    "Slack would refuse the answer to /incident " + text);
        }
        assertTrue(io.hikeshi.slack.views.SlackLimits.length(ack.path("text").asText()) <= 40_000);
        assertFalse(ack.path("text").asText().equals(m.get("error.generic")), "the command failed: /incident " + text);
        return ack;
    }

    /** An interaction (block_actions, view_submission) as Slack posts it; returns the function's answer. */
    JsonNode interaction(JsonNode payload) {
        try {
            return send(SlackSigner.payloadBody(JSON.writeValueAsString(payload)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The message shortcut used by {@code user} on a message {@code author} wrote in {@code channel} (Slack's
     * {@code message_action} payload: the message travels in it, so its channel is never read).
     */
    JsonNode messageShortcut(String user, String channel, String channelName, String ts, String author, String text) {
        ObjectNode payload = sample("slack-message-shortcut-declare.json");
        ((ObjectNode) payload.path("user")).put("id", user);
        payload.putObject("channel").put("id", channel).put("name", channelName);
        payload.put("trigger_id", "1." + UUID.randomUUID()).put("message_ts", ts);
        payload.putObject("message").put("type", "message").put("user", author).put("ts", ts).put("text", text);
        return interaction(payload);
    }

    /**
     * Slack asking for an external select's options as {@code user} types {@code typed} into {@code block} of the
     * modal {@code callbackId} (a {@code block_suggestion} payload); returns the answer's JSON, held to the rules Slack
     * holds an options answer to.
     */
    JsonNode optionsFor(String user, String callbackId, String block, String typed) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_suggestion").put("action_id", "value")
                .put("block_id", block).put("value", typed).put("api_app_id", "A0HIKESHI")
                .put("action_ts", "1795403612.447113");
        payload.putObject("team").put("id", "T0HIKESHI").put("domain", "hikeshi-demo");
        payload.putObject("user").put("id", user).put("team_id", "T0HIKESHI");
        payload.putObject("container").put("type", "view").put("view_id", "V0OPTIONS");
        payload.putObject("view").put("id", "V0OPTIONS").put("type", "modal").put("callback_id", callbackId)
                .put("private_metadata", "").putObject("state").putObject("values");
        try {
            JsonNode answer = JSON.readTree(interaction(payload).path("body").asText());
            assertEquals(List.of(), SlackApiStub.optionsAnswerBreaches(answer.toString()), "Slack would refuse the options");
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Events API callback. */
    JsonNode event(JsonNode callback) {
        try {
            return send(JSON.writeValueAsString(callback));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(String body) {
        slackClock.advance(BETWEEN_ACTIONS);
        clock.advance(BETWEEN_ACTIONS);
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0").put("rawPath", "/slack/events");
        ObjectNode headers = event.putObject("headers");
        headers.put("content-type", body.trim().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        SlackSigner.headers(SECRET, clock.instant().getEpochSecond(), body)
                .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        event.putObject("requestContext").putObject("http").put("sourceIp", "192.0.2.10");
        event.put("body", body).put("isBase64Encoded", false);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
            JsonNode response = JSON.readTree(out.toByteArray());
            assertEquals(200, response.path("statusCode").asInt(), response.toString());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- payloads shaped like Slack's samples ----

    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events", name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A click on a button (or a choice in a select) of the war room's card. */
    ObjectNode cardAction(String actionId, String value, boolean select) {
        WarRoom room = room();
        ObjectNode payload = sample("slack-block-actions-acknowledge.json");
        ((ObjectNode) payload.path("container")).put("message_ts", room.cardTs()).put("channel_id", room.channelId());
        ((ObjectNode) payload.path("channel")).put("id", room.channelId()).put("name", room.channelName());
        ((ObjectNode) payload.path("message")).put("ts", room.cardTs());
        ObjectNode action = (ObjectNode) payload.path("actions").get(0);
        action.put("action_id", actionId);
        if (select) {
            action.put("type", "static_select").remove("value");
            action.putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text").put("text", "SEV1");
        } else {
            action.put("value", value);
        }
        return payload;
    }

    /** A click on an ephemeral answer's control in {@code channel} (the postmortem checklist's). */
    ObjectNode ephemeralAction(String actionId, String value, boolean select, String channel) {
        ObjectNode payload = cardAction(actionId, value, select);
        ((ObjectNode) payload.path("container")).put("is_ephemeral", true).put("channel_id", channel);
        ((ObjectNode) payload.path("channel")).put("id", channel);
        return payload;
    }

    /** A modal submitted with these input values ({@code block → element state}). */
    static ObjectNode viewSubmission(String callbackId, String privateMetadata, Map<String, Object> values) {
        ObjectNode payload = sample("slack-view-submission-declare.json");
        ObjectNode view = (ObjectNode) payload.path("view");
        view.put("id", "V" + UUID.randomUUID().toString().substring(0, 10).toUpperCase(Locale.ROOT));
        view.put("callback_id", callbackId);
        view.put("private_metadata", privateMetadata);
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((block, value) -> state.putObject(block).set("value", JSON.valueToTree(value)));
        return payload;
    }

    // ---- what reached Slack ----

    /** The places where something was cut to fit ("…"), as {@code method field}, in the order Slack got them. */
    List<String> cuts() {
        List<String> found = new ArrayList<>();
        for (SlackApiStub.Call call : slack.calls()) {
            call.params().forEach((name, value) -> {
                if (name.equals("blocks") || name.equals("view")) {
                    try {
                        walk(JSON.readTree(value), name, call.method(), found);
                    } catch (IOException e) {
                        found.add(call.method() + " " + name + " (not JSON)");
                    }
                } else if (value.contains("…")) {
                    found.add(call.method() + " " + name);
                }
            });
        }
        for (JsonNode ack : acks) {
            if (ack.path("text").asText().contains("…")) {
                found.add("command answer text");
            }
            walk(ack.path("blocks"), "blocks", "command answer", found);
        }
        return found;
    }

    private static void walk(JsonNode node, String path, String method, List<String> found) {
        if (node.isTextual() && node.asText().contains("…")) {
            found.add(method + " " + path);
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                walk(child, path + "[]", method, found);
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> walk(e.getValue(), path + "." + e.getKey(), method, found));
        }
    }

    @Override
    public void close() {
        slack.close();
        try (var files = Files.walk(tempDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
