package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.Characters;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.Enforcement;
import io.hikeshi.slackstub.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every flow × every hostile data set, against a Slack as strict as Slack: Slack refuses nothing (no error answer
 * but a 429 waited out), what exceeds a limit reaches Slack cut visibly (…), and the record keeps it whole.
 *
 * <p>What was cut where is written to {@code target/hostile-slack-matrix.md}, one row per cell.
 */
class HostileSlackMatrixTest {

    private static final Map<String, String> TABLE = new TreeMap<>();

    /** The flows, each from what a person or an alarm does to what the record must then hold. */
    enum Flow {
        DECLARE(HostileSlackMatrixTest::declare),
        ALARM_WAR_ROOM(HostileSlackMatrixTest::alarmOpensWarRoom),
        STATUS_UPDATE(HostileSlackMatrixTest::statusUpdate),
        SEVERITY_CHANGE(HostileSlackMatrixTest::severityChange),
        RESOLVE(HostileSlackMatrixTest::resolve),
        LIST(HostileSlackMatrixTest::list),
        HOME_TAB(HostileSlackMatrixTest::homeTab),
        POSTMORTEM(HostileSlackMatrixTest::postmortem),
        REMINDERS_DIGEST(HostileSlackMatrixTest::remindersAndDigest);

        final Consumer<StrictSlackRig> run;

        Flow(Consumer<StrictSlackRig> run) {
            this.run = run;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    static Stream<Arguments> matrix() {
        return Stream.of(Flow.values())
                .flatMap(flow -> Stream.of(HostileData.all()).map(data -> Arguments.of(flow, data)));
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    void flow_passesUnderStrictSlack_cuttingVisiblyAndKeepingTheRecordWhole(Flow flow, HostileData data) {
        // GIVEN Hikeshi against a strict Slack, and data at the sizes Slack's limits care about
        try (StrictSlackRig rig = new StrictSlackRig(data)) {
            // WHEN the flow runs end to end (each flow asserts what the record then holds, whole)
            flow.run.accept(rig);

            // THEN Slack refused nothing and truncated nothing silently; every cut shows an ellipsis
            assertEquals(List.of(), errorAnswers(rig), "Slack's error answers");
            List<String> cuts = new ArrayList<>(new TreeSet<>(rig.cuts()));
            cuts.forEach(cut -> assertFalse(cut.endsWith("(not JSON)"), cut));
            if (flow != Flow.DECLARE && outgrowsTheCard(data)) {
                assertFalse(cuts.isEmpty(), "a title over a header's 150 or a service over 80 shows a cut");
            }
            TABLE.put(flow + " | " + data, cuts.isEmpty() ? "—" : String.join("; ", cuts));
        }
    }

    /** The alarm's title outgrows a header (150) or its service the 80 characters a card gives it. */
    private static boolean outgrowsTheCard(HostileData data) {
        return Characters.count(Characters.clip(data.alarmName(), 200)) > 150 || Characters.count(data.service()) > 80;
    }

    /**
     * Every answer but a 429 (which Hikeshi waits out): refusals, and the warning of a silent truncation. Where the
     * data takes the war room's name first, the one name_taken it provokes is expected: the room takes the next name.
     */
    private static List<String> errorAnswers(StrictSlackRig rig) {
        return rig.slack.enforcements().stream()
                .filter(e -> e.httpStatus() != 429)
                .filter(e -> !(rig.data.nameTaken() && e.rule() == Rules.NAME_TAKEN))
                .map(HostileSlackMatrixTest::describe)
                .toList();
    }

    private static String describe(Enforcement e) {
        return e.method() + ": " + e.rule().id() + " " + e.error() + " " + e.messages();
    }

    // ---- the flows ----

    /** The form takes a service id (a slug of 63 at most): anything else is a field error, and nothing is saved. */
    private static final java.util.regex.Pattern SERVICE_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static void declare(StrictSlackRig rig) {
        HostileData data = rig.data;
        rig.crowd();
        rig.command("declare", "C0GENERAL");
        assertEquals(1, rig.slack.calls("views.open").size(), "the form opened");
        if (!SERVICE_ID.matcher(data.service()).matches()) {
            JsonNode refused = submitDeclare(rig, data.service());
            assertTrue(refused.path("body").asText().contains("\"service\""), "the service field's error");
        }
        // A service is picked from the configured ones: the repository's, or the data's svc-0 … svc-N.
        String service = SERVICE_ID.matcher(data.service()).matches() ? data.service()
                : data.services() > 0 ? "svc-0" : "payment-api";
        assertEquals("", submitDeclare(rig, service).path("body").asText(), "an empty ack closes the form");
        rig.runTasks();
        Incident declared = rig.core.incidents().openIncidents(200).stream()
                .filter(i -> i.title().equals(data.title()) && i.service().equals(service)).findFirst().orElseThrow();
        rig.withWarRoom(declared.id());
        assertEquals(data.title(), rig.stored().title(), "the title, whole");
        assertEquals(data.text(), rig.stored().description(), "the description, whole");
        assertEquals(service, rig.stored().service());
        assertWarRoomBuilt(rig);
    }

    private static JsonNode submitDeclare(StrictSlackRig rig, String service) {
        return rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.DECLARE.id(), "C0GENERAL", Map.of(
                "title", Map.of("type", "plain_text_input", "value", rig.data.title()),
                "severity", Map.of("type", "static_select", "selected_option", Map.of("value", "SEV2")),
                "service", Map.of("type", "plain_text_input", "value", service),
                "description", Map.of("type", "plain_text_input", "value", rig.data.text()))));
    }

    private static void alarmOpensWarRoom(StrictSlackRig rig) {
        rig.openIncidentWithWarRoom();
        HostileData data = rig.data;
        assertEquals(Characters.clip(data.alarmName(), 200), rig.stored().title(), "the title, as the record keeps it");
        assertEquals(data.alarmReason(), rig.stored().description(), "the alarm's reason, whole");
        assertEquals(data.service(), rig.stored().service(), "the service, whole");
        assertWarRoomBuilt(rig);
    }

    private static void assertWarRoomBuilt(StrictSlackRig rig) {
        WarRoom room = rig.room();
        String channel = room.channelId();
        assertTrue(room.channelName().length() <= 80, room.channelName());
        assertFalse(rig.slack.topic(channel).isBlank(), "a topic");
        assertTrue(rig.slack.pins(channel).contains(room.cardTs()), "the card, pinned");
        assertTrue(rig.slack.messages(channel).size() >= 2, "the card and the guide");
        assertFalse(rig.slack.bookmarks(channel).isEmpty(), "bookmarks");
        assertFalse(rig.slack.messages(StrictSlackRig.BROADCAST).isEmpty(), "the announcement");
        assertFalse(rig.notifications.isEmpty(), "the stakeholders' notification");
    }

    private static void statusUpdate(StrictSlackRig rig) {
        IncidentId id = rig.openIncidentWithWarRoom();
        String channel = rig.room().channelId();
        rig.command("status", channel);
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.STATUS_UPDATE.id(), id + "|" + channel, Map.of(
                "status", Map.of("type", "static_select", "selected_option", Map.of("value", "MITIGATED")),
                "summary", Map.of("type", "plain_text_input", "value", rig.data.text()))));
        rig.runTasks();
        rig.relayEvents();
        assertEquals(Status.MITIGATED, rig.stored().status());
        assertTrue(texts(rig).contains(rig.data.text()), "the update, whole, on the timeline");
    }

    private static void severityChange(StrictSlackRig rig) {
        IncidentId id = rig.openIncidentWithWarRoom();
        rig.interaction(rig.cardAction(SlackIds.Action.CHANGE_SEVERITY.id(), id + "|SEV1", true));
        rig.runTasks();
        rig.relayEvents();
        assertEquals(Severity.SEV1, rig.stored().severity());
        assertEquals(rig.data.alarmReason(), rig.stored().description(), "the description, whole");
    }

    private static void resolve(StrictSlackRig rig) {
        IncidentId id = rig.openIncidentWithWarRoom();
        String channel = rig.room().channelId();
        rig.slack.join(channel, StrictSlackRig.USER); // whoever resolves is in the war room (ActionPolicy's default)
        rig.command("resolve", channel);
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.RESOLVE.id(), id + "|" + channel, Map.of(
                "resolution", Map.of("type", "plain_text_input", "value", rig.data.text()))));
        rig.runTasks();
        rig.relayEvents();
        assertEquals(Status.RESOLVED, rig.stored().status());
        assertTrue(texts(rig).contains(rig.data.text()), "the resolution, whole, on the timeline");
        assertTrue(rig.core.postmortems().find(id).isPresent(), "a postmortem drafted");
    }

    private static void list(StrictSlackRig rig) {
        IncidentId id = rig.openIncidentWithWarRoom();
        JsonNode answer = rig.command("list", "C0GENERAL");
        assertTrue(answer.toString().contains(id.toString()), "the incident is listed");
        assertEquals(rig.data.openIncidents(), rig.core.incidents().openIncidents(200).size());
    }

    private static void homeTab(StrictSlackRig rig) {
        IncidentId id = rig.openIncidentWithWarRoom();
        ObjectNode opened = StrictSlackRig.sample("slack-event-app-home-opened.json");
        opened.put("event_id", "Ev" + UUID.randomUUID().toString().substring(0, 8));
        rig.event(opened);
        rig.runTasks();
        var published = rig.slack.calls("views.publish");
        assertEquals(1, published.size(), "the Home tab published");
        assertTrue(published.get(0).param("view").contains(id.toString()));
    }

    private static void postmortem(StrictSlackRig rig) {
        IncidentId id = resolved(rig);
        String channel = rig.room().channelId();
        JsonNode checklist = rig.command("postmortem", channel);
        assertTrue(checklist.toString().contains(SlackIds.Action.COMPLETE_POSTMORTEM.id()), "the checklist");
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.POSTMORTEM_SECTION.id(),
                id + "|IMPACT|" + rig.core.postmortems().get(id).version(), Map.of(
                "text", Map.of("type", "plain_text_input", "value", rig.data.text()))));
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.ACTION_ITEM.id(), id.toString(), Map.of(
                "description", Map.of("type", "plain_text_input", "value", rig.data.actionItem()),
                "type", Map.of("type", "static_select", "selected_option", Map.of("value", "PREVENT")),
                "owner", Map.of("type", "users_select", "selected_user", "U0BOB"),
                "due", Map.of("type", "datepicker", "selected_date", LocalDate.now(rig.calendar).plusWeeks(2).toString()))));
        rig.command("postmortem", channel); // the checklist again, now with the long section and item
        Postmortem pm = rig.core.postmortems().get(id);
        assertEquals(rig.data.text(), pm.impact(), "the impact, whole");
        assertEquals(rig.data.actionItem(), pm.actionItems().get(0).description(), "the action item, whole");
    }

    private static void remindersAndDigest(StrictSlackRig rig) {
        IncidentId id = resolved(rig);
        assertFalse(rig.scheduled.isEmpty(), "reminders scheduled");
        for (ReminderScheduler.Reminder reminder : List.copyOf(rig.scheduled)) {
            rig.calendar.set(reminder.at());
            rig.notices.remind(reminder);
        }
        rig.notices.digest();
        assertTrue(rig.slack.calls("chat.postMessage").stream()
                .anyMatch(c -> c.param("text") != null && c.param("text").contains(id.toString())), "a reminder spoke");
    }

    /** The incident opened by the alarm, its room built, resolved with the hostile text and its postmortem drafted. */
    private static IncidentId resolved(StrictSlackRig rig) {
        IncidentId id = rig.openIncidentWithWarRoom();
        rig.core.incidents().changeStatus(id, Status.RESOLVED, StrictSlackRig.USER);
        rig.relayEvents();
        return id;
    }

    private static List<String> texts(StrictSlackRig rig) {
        return rig.timeline().stream().map(TimelineEntry::text).toList();
    }

    @AfterAll
    static void writeTable() throws IOException {
        StringBuilder md = new StringBuilder("| flow | data | result | cut (method field) |\n|---|---|---|---|\n");
        TABLE.forEach((cell, cuts) -> md.append("| ").append(cell).append(" | pass | ").append(cuts).append(" |\n"));
        Path out = Path.of("target", "hostile-slack-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
    }
}
