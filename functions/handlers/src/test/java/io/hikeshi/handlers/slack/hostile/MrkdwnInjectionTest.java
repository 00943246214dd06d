package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.handlers.alerts.WebhookHandler;
import io.hikeshi.handlers.wiring.AlertsWiring;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Alert fields and people's text that try to speak mrkdwn ({@code <!channel>}, a link dressed as words, someone
 * else's mention) reach Slack as text in every flow, against a Slack as strict as Slack: every mrkdwn surface the
 * stub recorded (message text, mrkdwn text objects in blocks and views, the topic, a command's answer) holds them
 * escaped, once, and none holds them live. Hikeshi's own mentions stay mentions.
 *
 * <p>Each text of a flow that carried the hostile text, escaped, is an attack refused; the counts are written to
 * {@code target/mrkdwn-injection.md}.
 */
class MrkdwnInjectionTest {

    static final String HOSTILE = "<!channel> <https://evil.example/login|Reset your SSO password> & <@U0ADMIN>";
    /** The hostile text as it must reach a mrkdwn surface. */
    static final String ESCAPED = "&lt;!channel&gt; &lt;https://evil.example/login|Reset your SSO password&gt; "
            + "&amp; &lt;@U0ADMIN&gt;";
    /** What must never reach a mrkdwn surface: each is live mrkdwn, or an entity escaped twice. */
    static final List<String> LIVE = List.of("<!channel>", "<https://evil", "<@U0ADMIN>", "&amp;lt;", "&amp;gt;", "&amp;amp;");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> REFUSED = new TreeMap<>();

    /** Hostile in every field an alarm, a webhook or a person fills in. */
    private static final HostileData DATA = new HostileData("mrkdwn-injection", HOSTILE, HOSTILE, HOSTILE, HOSTILE,
            HOSTILE, HOSTILE, HOSTILE, 1, 0, false);

    /** Each flow, and the mrkdwn surfaces ({@code method field}) it must have shown the hostile text on, escaped. */
    enum Flow {
        ALARM_WAR_ROOM(MrkdwnInjectionTest::alarm, "chat.postMessage blocks", "chat.postMessage text",
                "conversations.setTopic topic"),
        WEBHOOK(MrkdwnInjectionTest::webhook, "chat.postMessage blocks", "chat.postMessage text"),
        DECLARE(MrkdwnInjectionTest::declare, "chat.postMessage blocks", "chat.postMessage text"),
        SEVERITY(MrkdwnInjectionTest::severity, "chat.update blocks", "chat.update text", "chat.postMessage text"),
        STATUS_UPDATE(MrkdwnInjectionTest::statusUpdate, "chat.postMessage text"),
        RESOLVE(MrkdwnInjectionTest::resolve, "chat.update blocks", "chat.postMessage text"),
        LIST(MrkdwnInjectionTest::list, "command answer blocks"),
        UNKNOWN_COMMAND(MrkdwnInjectionTest::unknownCommand, "command answer text") {
            @Override
            String shown() {
                return Mrkdwn.escape(TYPED_WORD);
            }
        },
        HOME_TAB(MrkdwnInjectionTest::homeTab, "views.publish view"),
        POSTMORTEM(MrkdwnInjectionTest::postmortem, "command answer blocks", "command answer text"),
        REMINDERS_DIGEST(MrkdwnInjectionTest::remindersAndDigest, "chat.postMessage text");

        final Consumer<StrictSlackRig> run;
        final Set<String> surfaces;

        Flow(Consumer<StrictSlackRig> run, String... surfaces) {
            this.run = run;
            this.surfaces = Set.of(surfaces);
        }

        /** The hostile text as this flow's surfaces must show it. */
        String shown() {
            return ESCAPED;
        }
    }

    @ParameterizedTest
    @EnumSource(Flow.class)
    void hostileText_reachesEveryMrkdwnSurfaceEscaped_andNeverLive(Flow flow) {
        // GIVEN Hikeshi against a strict Slack, and an alarm, a webhook and people writing mrkdwn at it
        try (StrictSlackRig rig = new StrictSlackRig(DATA)) {
            // WHEN the flow runs end to end
            flow.run.accept(rig);

            // THEN no mrkdwn surface holds the text live, and the flow's surfaces hold it escaped
            List<Surface> surfaces = mrkdwnSurfaces(rig);
            for (Surface s : surfaces) {
                for (String live : LIVE) {
                    assertFalse(s.text().contains(live), s.name() + " holds " + live + ": " + s.text());
                }
            }
            List<Surface> refused = surfaces.stream().filter(s -> s.text().contains(flow.shown())).toList();
            Set<String> escaped = new TreeSet<>(refused.stream().map(Surface::name).toList());
            assertTrue(escaped.containsAll(flow.surfaces), "escaped on " + escaped + ", expected " + flow.surfaces);
            assertEquals(List.of(), rig.slack.enforcements().stream().filter(e -> e.httpStatus() != 429).toList(),
                    "Slack refused nothing");
            REFUSED.put(flow.name(), refused.size() + " | " + String.join(", ", escaped));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Flow.class, names = {"STATUS_UPDATE", "RESOLVE", "REMINDERS_DIGEST"})
    void hikeshisOwnMentions_stayMentions(Flow flow) {
        // GIVEN a strict Slack, and hostile text in every field
        try (StrictSlackRig rig = new StrictSlackRig(DATA)) {
            // WHEN a flow runs in which Hikeshi mentions the person who acted (or owns the postmortem)
            flow.run.accept(rig);

            // THEN somewhere Slack got a live mention of that person, beside the hostile text shown as text
            assertTrue(mrkdwnSurfaces(rig).stream().anyMatch(s -> s.text().contains("<@" + StrictSlackRig.USER + ">")),
                    "a mention of " + StrictSlackRig.USER);
        }
    }

    // ---- the flows ----

    private static void alarm(StrictSlackRig rig) {
        rig.openIncidentWithWarRoom();
        assertEquals(HOSTILE, rig.stored().service(), "the record keeps the service as the alarm said it");
    }

    /** A Datadog monitor whose title, message and service are hostile, through the webhook function. */
    private static void webhook(StrictSlackRig rig) {
        ObjectNode payload = StrictSlackRig.sample("webhook-datadog-triggered.json");
        payload.put("alert_title", "[Triggered] " + HOSTILE).put("title", "[P1] [Triggered] " + HOSTILE)
                .put("text_only_msg", HOSTILE).put("id", UUID.randomUUID().toString())
                .put("alert_id", String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits())));
        JsonNode answer = webhookRequest(rig, "datadog", payload);
        assertEquals(202, answer.path("statusCode").asInt(), answer.toString());
        IncidentId id = IncidentId.parse(read(answer.path("body").asText()).path("results").get(0).path("incident").asText());
        rig.withWarRoom(id);
        assertEquals(HOSTILE, rig.stored().title(), "the record keeps the title whole");
    }

    private static void declare(StrictSlackRig rig) {
        rig.command("declare", "C0GENERAL");
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.DECLARE.id(), "C0GENERAL", Map.of(
                "title", Map.of("type", "plain_text_input", "value", HOSTILE),
                "severity", Map.of("type", "static_select", "selected_option", Map.of("value", "SEV2")),
                "service", Map.of("type", "plain_text_input", "value", "payment-api"),
                "description", Map.of("type", "plain_text_input", "value", HOSTILE))));
        rig.runTasks();
        rig.withWarRoom(rig.core.incidents().openIncidents(10).get(0).id());
        assertEquals(HOSTILE, rig.stored().title());
    }

    private static void severity(StrictSlackRig rig) {
        IncidentId id = rig.openIncidentWithWarRoom();
        rig.interaction(rig.cardAction(SlackIds.Action.CHANGE_SEVERITY.id(), id + "|SEV1", true));
        rig.runTasks();
        rig.relayEvents();
    }

    private static void statusUpdate(StrictSlackRig rig) {
        IncidentId id = rig.incident() != null ? rig.incident() : rig.openIncidentWithWarRoom();
        String channel = rig.room().channelId();
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.STATUS_UPDATE.id(), id + "|" + channel, Map.of(
                "status", Map.of("type", "static_select", "selected_option", Map.of("value", "MITIGATED")),
                "summary", Map.of("type", "plain_text_input", "value", HOSTILE))));
        rig.runTasks();
        rig.relayEvents();
        assertEquals(Status.MITIGATED, rig.stored().status());
    }

    private static void resolve(StrictSlackRig rig) {
        IncidentId id = rig.openIncidentWithWarRoom();
        String channel = rig.room().channelId();
        rig.slack.join(channel, StrictSlackRig.USER); // whoever resolves is in the war room (ActionPolicy's default)
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.RESOLVE.id(), id + "|" + channel, Map.of(
                "resolution", Map.of("type", "plain_text_input", "value", HOSTILE))));
        rig.runTasks();
        rig.relayEvents();
        assertEquals(Status.RESOLVED, rig.stored().status());
    }

    private static void list(StrictSlackRig rig) {
        rig.openIncidentWithWarRoom();
        rig.command("list", "C0GENERAL");
    }

    /** A subcommand Hikeshi does not know is echoed: its first word, lower-cased, at most 40 characters. */
    static final String TYPED_WORD = "<!channel>&<https://evil.example>";

    private static void unknownCommand(StrictSlackRig rig) {
        rig.command(TYPED_WORD + " " + HOSTILE, "C0GENERAL");
    }

    private static void homeTab(StrictSlackRig rig) {
        rig.openIncidentWithWarRoom();
        ObjectNode opened = StrictSlackRig.sample("slack-event-app-home-opened.json");
        opened.put("event_id", "Ev" + UUID.randomUUID().toString().substring(0, 8));
        rig.event(opened);
        rig.runTasks();
    }

    private static void postmortem(StrictSlackRig rig) {
        IncidentId id = resolved(rig);
        String channel = rig.room().channelId();
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.ACTION_ITEM.id(), id.toString(), Map.of(
                "description", Map.of("type", "plain_text_input", "value", HOSTILE),
                "type", Map.of("type", "static_select", "selected_option", Map.of("value", "PREVENT")),
                "owner", Map.of("type", "users_select", "selected_user", "U0BOB"),
                "due", Map.of("type", "datepicker", "selected_date", LocalDate.now(rig.calendar).plusWeeks(2).toString()))));
        rig.command("postmortem", channel);
    }

    private static void remindersAndDigest(StrictSlackRig rig) {
        resolved(rig);
        for (ReminderScheduler.Reminder reminder : List.copyOf(rig.scheduled)) {
            rig.calendar.set(reminder.at());
            rig.notices.remind(reminder);
        }
        rig.notices.digest();
    }

    /** The alarm's incident, its room built, resolved by the person, its postmortem drafted. */
    private static IncidentId resolved(StrictSlackRig rig) {
        IncidentId id = rig.incident() != null ? rig.incident() : rig.openIncidentWithWarRoom();
        rig.core.incidents().changeStatus(id, Status.RESOLVED, StrictSlackRig.USER);
        rig.relayEvents();
        return id;
    }

    // ---- the webhook, as API Gateway delivers it ----

    private static JsonNode webhookRequest(StrictSlackRig rig, String integration, JsonNode payload) {
        ObjectNode event = StrictSlackRig.sample("apigw-webhook-alertmanager.json");
        event.put("rawPath", "/alerts/" + integration);
        ((ObjectNode) event.path("pathParameters")).put("integration", integration);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", "/alerts/" + integration);
        ((ObjectNode) event.path("requestContext")).put("timeEpoch", rig.clock.instant().toEpochMilli());
        ((ObjectNode) event.path("headers")).put("authorization", "Bearer x").remove("content-length");
        event.put("body", payload.toString());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new WebhookHandler(new AlertsWiring(rig.core))
                    .handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- what Slack got, where it reads mrkdwn ----

    /** One text Slack reads as mrkdwn, named {@code method field}. */
    record Surface(String name, String text) { }

    /**
     * Every text Slack reads as mrkdwn: a message's (or an update's) text, the topic, mrkdwn text objects in blocks
     * and views, a command's answer. plain_text (headers, buttons, options) is shown as sent, so it is not one.
     */
    static List<Surface> mrkdwnSurfaces(StrictSlackRig rig) {
        List<Surface> found = new ArrayList<>();
        for (SlackApiStub.Call call : rig.slack.calls()) {
            call.params().forEach((field, value) -> {
                switch (field) {
                    case "text", "topic" -> found.add(new Surface(call.method() + " " + field, value));
                    case "blocks", "view" -> mrkdwnTexts(read(value), call.method() + " " + field, found);
                    default -> { }
                }
            });
        }
        for (JsonNode ack : rig.acks) {
            found.add(new Surface("command answer text", ack.path("text").asText()));
            mrkdwnTexts(ack.path("blocks"), "command answer blocks", found);
        }
        return found;
    }

    private static void mrkdwnTexts(JsonNode node, String name, List<Surface> found) {
        if (node.isObject() && "mrkdwn".equals(node.path("type").asText())) {
            found.add(new Surface(name, node.path("text").asText()));
        }
        node.forEach(child -> mrkdwnTexts(child, name, found));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void writeCounts() throws IOException {
        StringBuilder md = new StringBuilder("| flow | attacks refused (texts) | where |\n|---|---|---|\n");
        REFUSED.forEach((flow, row) -> md.append("| ").append(flow).append(" | ").append(row).append(" |\n"));
        Path out = Path.of("target", "mrkdwn-injection.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
    }
}
