package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.slack.WarRoomHandler;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Not needed, because …" through signed Slack requests against the strict stub: the commander says so from the
 * checklist's button and its form, or with {@code /incident postmortem skip <reason>}; a stranger is refused in their
 * own language; a reminder that fires afterwards says nothing; and the team's policy by severity decides what a
 * resolve drafts and tells.
 */
class PostmortemNotNeededSlackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMANDER = StrictSlackRig.USER;
    /** In the war room, reading English, commanding nothing. */
    private static final String STRANGER = "U0CAROL";
    private static final String REASON = "計画メンテナンス中の既知のアラーム <!channel> & 影響なし";

    private final StrictSlackRig rig = new StrictSlackRig(HostileData.all()[1]);

    @AfterEach
    void close() {
        rig.close();
    }

    /** The alarm's incident (SEV2), its war room built, commanded by U0ALICE, resolved, its postmortem drafted. */
    private IncidentId resolved(StrictSlackRig on) {
        IncidentId id = on.openIncidentWithWarRoom();
        String room = on.room().channelId();
        on.slack.join(room, COMMANDER);
        on.slack.join(room, STRANGER);
        on.slack.setLocale(STRANGER, "en-US");
        on.core.incidents().assignCommander(id, COMMANDER, COMMANDER);
        on.core.incidents().changeStatus(id, Status.RESOLVED, COMMANDER);
        on.relayEvents();
        return id;
    }

    private ObjectNode clickNotNeeded(IncidentId id, String user) {
        ObjectNode click = rig.ephemeralAction(SlackIds.Action.POSTMORTEM_NOT_NEEDED.id(), id.toString(), false,
                rig.room().channelId());
        ((ObjectNode) click.path("user")).put("id", user);
        return click;
    }

    private JsonNode submitReason(String privateMetadata, String user, String reason) {
        ObjectNode submission = StrictSlackRig.viewSubmission(SlackIds.View.POSTMORTEM_NOT_NEEDED.id(), privateMetadata,
                Map.of("reason", Map.of("type", "plain_text_input", "value", reason)));
        ((ObjectNode) submission.path("user")).put("id", user);
        return body(rig.interaction(submission));
    }

    private static JsonNode body(JsonNode response) {
        String body = response.path("body").asText();
        try {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<TimelineEntry> notNeededEntries(StrictSlackRig on) {
        return on.timeline().stream().filter(e -> e.kind() == TimelineKind.POSTMORTEM_NOT_NEEDED).toList();
    }

    @Test
    void theCommander_saysNotNeededFromTheChecklist_withAReason_andTheRemindersGo_theTimelineAndChecklistSaySo() {
        // GIVEN a required postmortem with its reminders, and its checklist as the commander sees it
        IncidentId id = resolved(rig);
        assertEquals(5, rig.scheduled.size(), "the reminders of a required postmortem");
        JsonNode checklist = rig.command("postmortem", rig.room().channelId());

        // WHEN the commander clicks "Not needed…", and submits the form it opens with a reason
        rig.interaction(clickNotNeeded(id, COMMANDER));
        SlackApiStub.Call opened = rig.slack.calls("views.open").getLast();
        JsonNode form = readTree(opened.param("view"));
        JsonNode saved = submitReason(form.path("private_metadata").asText(), COMMANDER, REASON);
        rig.runTasks();
        JsonNode after = rig.command("postmortem", rig.room().channelId());

        // THEN the checklist offered the button; the form asked for a reason it cannot be without; the save was
        // accepted; the postmortem keeps who and why; every reminder is gone; the timeline has the reason; the
        // commander was told, with the reason as text; the checklist now says "不要" and offers no button
        assertTrue(checklist.toString().contains(SlackIds.Action.POSTMORTEM_NOT_NEEDED.id()), checklist.toString());
        assertEquals(SlackIds.View.POSTMORTEM_NOT_NEEDED.id(), form.path("callback_id").asText());
        assertFalse(form.toString().contains("\"optional\":true"), "the reason is required");
        assertFalse(saved.has("errors"), saved.toString());
        Postmortem pm = rig.core.postmortems().get(id);
        assertEquals(Postmortem.Status.NOT_NEEDED, pm.status());
        assertEquals(REASON, pm.notNeeded().reason());
        assertEquals(COMMANDER, pm.notNeeded().by());
        assertEquals(List.of(), rig.scheduled, "every reminder cancelled");
        List<TimelineEntry> said = notNeededEntries(rig);
        assertEquals(1, said.size());
        assertEquals(REASON, said.get(0).text());
        String told = rig.slack.calls("chat.postEphemeral").getLast().param("text");
        assertTrue(told.contains("不要にしました") && told.contains("&lt;!channel&gt; &amp; 影響なし"), told);
        assertTrue(after.toString().contains("不要"), after.toString());
        assertFalse(after.toString().contains(SlackIds.Action.POSTMORTEM_NOT_NEEDED.id()), "no second decision to make");
    }

    @Test
    void aStranger_isRefused_inEnglish_bothAtTheButtonAndAtAFormSubmittedAnyway_andNothingChanges() {
        // GIVEN a required postmortem, and someone in the war room who reads English and commands nothing
        IncidentId id = resolved(rig);
        Postmortem before = rig.core.postmortems().get(id);
        int opened = rig.slack.calls("views.open").size();

        // WHEN they click "Not needed…", and submit the form anyway (an old one, or forged)
        rig.interaction(clickNotNeeded(id, STRANGER));
        rig.runTasks();
        JsonNode submitted = submitReason(id + "|" + rig.room().channelId(), STRANGER, "no thanks");

        // THEN no form opened; they were told, in English, that only the commander may; the form's save was refused
        // in its field, in English; the postmortem, its reminders and the timeline are as they were
        assertEquals(opened, rig.slack.calls("views.open").size());
        SlackApiStub.Call told = rig.slack.calls("chat.postEphemeral").getLast();
        assertEquals(STRANGER, told.param("user"));
        assertTrue(told.param("text").contains("Only the commander of " + id + ", <@" + COMMANDER
                + ">, may say that it needs no postmortem"), told.param("text"));
        assertTrue(submitted.path("errors").path("reason").asText().startsWith("Only the commander of " + id),
                submitted.toString());
        assertEquals(before, rig.core.postmortems().get(id));
        assertEquals(5, rig.scheduled.size());
        assertEquals(List.of(), notNeededEntries(rig));
    }

    @Test
    void aReminderThatFiresAfterTheDecision_saysNothingToAnyone() {
        // GIVEN a postmortem said not to be needed after its reminders were scheduled
        IncidentId id = resolved(rig);
        List<ReminderScheduler.Reminder> reminders = List.copyOf(rig.scheduled);
        rig.command("postmortem skip " + REASON, rig.room().channelId());
        int posts = rig.slack.calls("chat.postMessage").size();

        // WHEN each reminder fires anyway at its time (a schedule deleted as it fired), the overdue ones included
        for (ReminderScheduler.Reminder reminder : reminders) {
            rig.calendar.set(reminder.at());
            assertEquals(List.of(), rig.notices.remind(reminder), reminder.id());
        }
        String digest = rig.notices.digest();

        // THEN nobody heard a reminder, and the digest does not list it
        assertEquals(posts + 1, rig.slack.calls("chat.postMessage").size(), "only the digest was posted");
        assertFalse(digest.contains(id.toString()), digest);
    }

    @Test
    void theSlashCommand_saysNotNeeded_forTheCommander_asksForAReason_andRefusesAStrangerInTheirLanguage() {
        // GIVEN a required postmortem
        IncidentId id = resolved(rig);

        // WHEN the commander types skip without a reason, then with one (naming the incident from elsewhere), and asks
        // for help
        JsonNode usage = rig.command("postmortem skip", rig.room().channelId());
        JsonNode skipped = rig.command("postmortem skip " + id + " " + REASON, "C0GENERAL");
        JsonNode help = rig.command("help", "C0GENERAL");

        // THEN the first asks for the reason, the second is done and says so with the reason as text; help lists it
        assertTrue(usage.path("text").asText().contains("/incident postmortem skip"), usage.toString());
        assertEquals(Postmortem.Status.NOT_NEEDED, rig.core.postmortems().get(id).status());
        assertEquals(REASON, rig.core.postmortems().get(id).notNeeded().reason());
        assertTrue(skipped.path("text").asText().contains("不要にしました"), skipped.toString());
        assertTrue(skipped.path("text").asText().contains("&lt;!channel&gt;"), "the reason shown as text");
        assertTrue(help.path("text").asText().contains("/incident postmortem skip"), help.toString());
        assertEquals(1, notNeededEntries(rig).size());
    }

    @Test
    void theSlashCommand_fromAStranger_isRefusedInEnglish_andChangesNothing() {
        // GIVEN a required postmortem, and the stranger's command as Slack would send it
        IncidentId id = resolved(rig);
        Postmortem before = rig.core.postmortems().get(id);

        // WHEN the stranger types skip in the war room
        JsonNode refused = strangerCommand("postmortem skip no thanks");

        // THEN they are told in English who may; nothing changed
        assertTrue(refused.path("text").asText().contains("Only the commander of " + id), refused.toString());
        assertEquals(before, rig.core.postmortems().get(id));
        assertEquals(5, rig.scheduled.size());
    }

    /** The stranger's {@code /incident} in the war room. */
    private JsonNode strangerCommand(String text) {
        return rig.command(text, rig.room().channelId(), STRANGER);
    }

    @Test
    void underAPolicy_thatMakesSev2Optional_theDraftIsToldAsOptional_withNoReminders() {
        // GIVEN a team for which SEV2 postmortems are optional
        try (StrictSlackRig optional = new StrictSlackRig(HostileData.all()[1],
                Map.of(Settings.POSTMORTEM_REQUIRED, "SEV2=optional"))) {
            IncidentId id = optional.openIncidentWithWarRoom();
            optional.core.incidents().assignCommander(id, COMMANDER, COMMANDER);
            optional.core.incidents().changeStatus(id, Status.RESOLVED, COMMANDER);

            // WHEN "resolved" reaches the war-room function and the postmortem flow
            relayThroughTheFunctions(optional);

            // THEN a draft exists, optional, with no reminder; the owner and the room were told it is optional
            assertEquals(Postmortem.Status.DRAFT, optional.core.postmortems().get(id).status());
            assertEquals(List.of(), optional.scheduled);
            assertTrue(postsTo(optional, COMMANDER).getLast().param("text").contains("任意"));
            assertTrue(postsTo(optional, optional.room().channelId()).stream()
                    .anyMatch(c -> c.param("text") != null && c.param("text").contains("任意です")));
        }
    }

    @Test
    void underAPolicy_thatNeedsNoneForSev2_nothingIsDrafted_noOneIsTold_andTheTimelineSaysWhy() {
        // GIVEN a team that needs no postmortem for SEV2
        try (StrictSlackRig none = new StrictSlackRig(HostileData.all()[1], Map.of(Settings.POSTMORTEM_REQUIRED, "SEV2=none"))) {
            IncidentId id = none.openIncidentWithWarRoom();
            none.core.incidents().changeStatus(id, Status.RESOLVED, COMMANDER);

            // WHEN "resolved" reaches the functions
            relayThroughTheFunctions(none);
            JsonNode asked = none.command("postmortem", none.room().channelId());

            // THEN there is no postmortem, no reminder, no direct message; the timeline says why, once
            assertTrue(none.core.postmortems().find(id).isEmpty());
            assertEquals(List.of(), none.scheduled);
            assertEquals(List.of(), postsTo(none, COMMANDER));
            assertEquals(1, notNeededEntries(none).size());
            assertFalse(asked.toString().contains(SlackIds.Action.POSTMORTEM_NOT_NEEDED.id()));
        }
    }

    /** The committed events through the war-room function, as the bus delivers them, and "resolved" to the draft. */
    private static void relayThroughTheFunctions(StrictSlackRig on) {
        // as deployed: the war-room function also sets and stops the update nudges (opening set one)
        WarRoomHandler warRoomFunction = new WarRoomHandler(on.warRoom, on.notices, on.core.cadence());
        for (List<DomainEvent> events = on.core.storage().outbox().pending(100); !events.isEmpty();
             events = on.core.storage().outbox().pending(100)) {
            for (DomainEvent event : events) {
                byte[] busEvent = ("{\"detail\":" + DomainEventCodec.encode(event) + "}").getBytes(StandardCharsets.UTF_8);
                try {
                    warRoomFunction.handleRequest(new ByteArrayInputStream(busEvent), new ByteArrayOutputStream(), null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (event.type() == DomainEvent.Type.INCIDENT_RESOLVED) {
                    on.core.postmortems().draftOnResolve(IncidentId.parse(event.incident()), event.attribute("actor"));
                }
            }
            on.core.storage().outbox().relayed(events);
        }
    }

    private static List<SlackApiStub.Call> postsTo(StrictSlackRig on, String channel) {
        return on.slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
