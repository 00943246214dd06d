package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A postmortem that can close, through signed Slack requests against the strict stub: an action item chosen in the
 * checklist opens its form, which rewords, reassigns, dates, closes or deletes it; a past date and a stale form are
 * refused in the form, in the person's language; the postmortem's owner is reassigned from the checklist.
 */
class PostmortemActionItemsSlackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The core and Bolt both run on now (Bolt checks signatures against the machine's clock). */

    private final StrictSlackRig rig = new StrictSlackRig(HostileData.all()[1]);

    @AfterEach
    void close() {
        rig.close();
    }

    /** The alarm's incident, its war room built, resolved by a person, its postmortem drafted. */
    private IncidentId resolved() {
        IncidentId id = rig.openIncidentWithWarRoom();
        rig.core.incidents().changeStatus(id, Status.RESOLVED, StrictSlackRig.USER);
        rig.relayEvents();
        return id;
    }

    /** An action item as the old form could leave it: nobody owns it, no due date. */
    private String unassignedItem(IncidentId id) {
        return rig.core.postmortems().addActionItem(id, "Canary payment-api deploys", ActionItem.Type.PREVENT, null, null,
                null, StrictSlackRig.USER).actionItems().get(0).id();
    }

    private LocalDate todayInTokyo() {
        return LocalDate.ofInstant(rig.calendar.instant(), StrictSlackRig.TOKYO);
    }

    private ObjectNode chooseActionItem(IncidentId id, String item) {
        return rig.ephemeralAction(SlackIds.Action.EDIT_ACTION_ITEM.id(), id + "|" + item, true, rig.room().channelId());
    }

    private JsonNode submitItem(IncidentId id, String item, long version, Map<String, Object> values) {
        return body(rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.ACTION_ITEM_EDIT.id(),
                id + "|" + item + "|" + version, values)));
    }

    private static Map<String, Object> itemForm(String description, String owner, LocalDate due, boolean done,
                                                boolean delete) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("description", Map.of("type", "plain_text_input", "value", description));
        values.put("owner", owner == null ? Map.of("type", "users_select") : Map.of("type", "users_select", "selected_user", owner));
        values.put("due", due == null ? Map.of("type", "datepicker") : Map.of("type", "datepicker", "selected_date", due.toString()));
        values.put("done", Map.of("type", "checkboxes", "selected_options", done ? List.of(Map.of("value", "done")) : List.of()));
        values.put("delete", Map.of("type", "checkboxes", "selected_options", delete ? List.of(Map.of("value", "delete")) : List.of()));
        return values;
    }

    private static JsonNode body(JsonNode response) {
        String body = response.path("body").asText();
        try {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anUnassignedItem_showsUnassigned_andItsFormAssignsDatesAndClosesIt_onTheTimeline() {
        // GIVEN a postmortem whose action item has no owner and no due date
        IncidentId id = resolved();
        String item = unassignedItem(id);
        JsonNode checklist = rig.command("postmortem", rig.room().channelId());

        // WHEN the item is chosen in the checklist, and its form is saved with an owner, a date and "done"
        rig.interaction(chooseActionItem(id, item));
        long version = rig.core.postmortems().get(id).version();
        JsonNode saved = submitItem(id, item, version, itemForm("Canary every payment-api deploy", "U0BOB",
                todayInTokyo().plusDays(7), true, false));

        // THEN the checklist said "unassigned" (never a broken mention) and offered the item; its form opened filled in;
        // the save was accepted and the item is as the form said, each change on the timeline
        assertTrue(checklist.toString().contains("未割り当て"), checklist.toString());
        assertFalse(checklist.toString().contains("<@—>") || checklist.toString().contains("<@null>"));
        assertTrue(checklist.toString().contains(id + "|" + item), "the item is offered in the checklist");
        SlackApiStub.Call opened = rig.slack.calls("views.open").getLast();
        assertTrue(opened.param("view").contains(SlackIds.View.ACTION_ITEM_EDIT.id()), opened.param("view"));
        assertTrue(opened.param("view").contains("Canary payment-api deploys"), "filled with the item as it is");
        assertFalse(saved.has("errors"), saved.toString());
        assertEquals(new ActionItem(item, "Canary every payment-api deploy", ActionItem.Type.PREVENT, "U0BOB",
                todayInTokyo().plusDays(7), null, true), rig.core.postmortems().get(id).actionItems().get(0));
        assertEquals(4, rig.timeline().stream().filter(e -> e.kind() == TimelineKind.POSTMORTEM_CHANGED
                && e.actor().equals(StrictSlackRig.USER) && !e.params().get("variant").equals("action-added")).count(),
                "reworded, assigned, dated, done");
    }

    @Test
    void aPastDueDate_isRefusedInTheForm_inThePersonsLanguage_andChangesNothing() {
        // GIVEN an action item, and its form open
        IncidentId id = resolved();
        String item = unassignedItem(id);
        Postmortem before = rig.core.postmortems().get(id);

        // WHEN the form is saved with yesterday (in the team's zone) as its due date
        JsonNode refused = submitItem(id, item, before.version(), itemForm("Canary payment-api deploys", "U0BOB",
                todayInTokyo().minusDays(1), false, false));

        // THEN the date field says why, in Japanese (the person's Slack locale), and nothing changed
        assertEquals("errors", refused.path("response_action").asText(), refused.toString());
        assertTrue(refused.path("errors").path("due").asText().contains("過去の日付"), refused.toString());
        assertEquals(before, rig.core.postmortems().get(id));
    }

    @Test
    void aSaveFromAFormOpenedBeforeAColleaguesSave_isRefusedInTheForm_andTheirWordsStay() {
        // GIVEN two people opened the Impact form at the same version, and the first saved
        IncidentId id = resolved();
        long opened = rig.core.postmortems().get(id).version();
        JsonNode first = body(rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.POSTMORTEM_SECTION.id(),
                id + "|IMPACT|" + opened, Map.of("text", Map.of("type", "plain_text_input", "value", "決済の 18% が失敗")))));

        // WHEN the second saves from the older form, and an action item's form opened before that save is saved
        // (edited, then deleted)
        JsonNode second = body(rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.POSTMORTEM_SECTION.id(),
                id + "|IMPACT|" + opened, Map.of("text", Map.of("type", "plain_text_input", "value", "一部が失敗")))));
        String item = unassignedItem(id);
        JsonNode staleItem = submitItem(id, item, opened, itemForm("Canary", "U0BOB", null, false, false));
        JsonNode staleDelete = submitItem(id, item, opened, itemForm("Canary", null, null, false, true));

        // THEN the first was saved; the later ones are refused with the reason in the form, and change nothing
        assertFalse(first.has("errors"), first.toString());
        assertTrue(second.path("errors").path("text").asText().contains("他の人に変更されました"), second.toString());
        assertTrue(staleItem.path("errors").path("description").asText().contains("他の人に変更されました"));
        assertTrue(staleDelete.path("errors").path("description").asText().contains("他の人に変更されました"));
        assertEquals("決済の 18% が失敗", rig.core.postmortems().get(id).impact());
        assertEquals(1, rig.core.postmortems().get(id).actionItems().size(), "not deleted");
        assertEquals(null, rig.core.postmortems().get(id).actionItems().get(0).owner());
    }

    @Test
    void aSectionFormWithoutAVersion_fromBeforeThisRelease_isRefusedAsOutdated() {
        // GIVEN a postmortem, and a section form opened before forms carried the version
        IncidentId id = resolved();

        // WHEN it is saved
        JsonNode refused = body(rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.POSTMORTEM_SECTION.id(),
                id + "|IMPACT", Map.of("text", Map.of("type", "plain_text_input", "value", "上書き")))));

        // THEN it is refused as outdated, and the section is untouched
        assertEquals(rig.m.get("error.form.outdated"), refused.path("errors").path("text").asText());
        assertEquals(null, rig.core.postmortems().get(id).impact());
    }

    @Test
    void deletingFromTheForm_removesTheItem_andAnItemGoneSinceTheChecklist_saysSo() {
        // GIVEN an action item
        IncidentId id = resolved();
        String item = unassignedItem(id);

        // WHEN its form is saved with "delete" ticked, and then it is chosen again from the old checklist
        JsonNode deleted = submitItem(id, item, rig.core.postmortems().get(id).version(),
                itemForm("Canary payment-api deploys", null, null, false, true));
        rig.interaction(chooseActionItem(id, item));
        rig.runTasks();

        // THEN it is gone, on the timeline, and the second choice is told it no longer exists
        assertFalse(deleted.has("errors"), deleted.toString());
        assertEquals(List.of(), rig.core.postmortems().get(id).actionItems());
        assertTrue(rig.timeline().stream().anyMatch(e -> "action-deleted".equals(e.params().get("variant"))));
        assertTrue(rig.slack.calls("chat.postEphemeral").getLast().param("text").contains("もうありません"));
    }

    @Test
    void pickingAPersonInTheChecklist_reassignsTheOwner_onTheTimeline_andTheOwnersReminderGoesToThem() {
        // GIVEN a drafted postmortem and its checklist
        IncidentId id = resolved();
        JsonNode checklist = rig.command("postmortem", rig.room().channelId());

        // WHEN U0BOB is picked as its owner, and the owner's reminder fires
        ObjectNode pick = rig.ephemeralAction(SlackIds.Action.REASSIGN_POSTMORTEM_OWNER.id(), "", false, rig.room().channelId());
        ObjectNode action = (ObjectNode) pick.path("actions").get(0);
        action.put("type", "users_select").put("selected_user", "U0BOB")
                .put("block_id", SlackIds.Block.POSTMORTEM_CONTROLS.of(id)).remove("value");
        rig.interaction(pick);
        rig.runTasks();
        ReminderScheduler.Reminder beforeDue = rig.scheduled.stream()
                .filter(r -> r.kind() == ReminderScheduler.Kind.BEFORE_DUE).findFirst().orElseThrow();
        rig.calendar.set(beforeDue.at());
        List<String> spokenTo = rig.notices.remind(beforeDue);

        // THEN the checklist offered the pick; the owner is U0BOB, on the timeline; the clicker was told; the reminder
        // went to U0BOB
        assertTrue(checklist.toString().contains(SlackIds.Action.REASSIGN_POSTMORTEM_OWNER.id()));
        assertEquals("U0BOB", rig.core.postmortems().get(id).owner());
        assertTrue(rig.timeline().stream().anyMatch(e -> "postmortem-owner".equals(e.params().get("variant"))
                && "U0BOB".equals(e.params().get("owner"))));
        assertTrue(rig.slack.calls("chat.postEphemeral").getLast().param("text").contains("<@U0BOB>"));
        assertEquals(List.of("U0BOB"), spokenTo);
    }

    @Test
    void anIncidentTheAlarmsOkResolved_isOwnedByTheServicesOwner_neverByTheMonitor() {
        // GIVEN alarms' OK resolving incidents, and payment-api owned by U0ALICE (infrastructure/config/services.json)
        try (StrictSlackRig autoResolving = new StrictSlackRig(HostileData.all()[1], Map.of(Settings.AUTO_RESOLVE, "true"))) {
            IncidentId id = autoResolving.openIncidentWithWarRoom();

            // WHEN the alarm goes back to OK, nobody having taken command, and the postmortem is drafted
            autoResolving.recover(autoResolving.data.alarmName());
            autoResolving.relayEvents();

            // THEN the monitor resolved it, and the service's owner owns the postmortem
            assertEquals(Status.RESOLVED, autoResolving.stored().status());
            assertEquals(null, autoResolving.stored().commander());
            assertEquals("U0ALICE", autoResolving.core.postmortems().get(id).owner());
        }
    }


    private static List<SlackApiStub.Call> postsTo(StrictSlackRig rig, String channel) {
        return rig.slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
    }

    @Test
    void aDraft_isToldToItsOwner_withTheChecklist_andToTheWarRoom_onceEvenWhenResolvedIsRedelivered() {
        // GIVEN an incident with its war room, resolved by U0ALICE
        IncidentId id = rig.openIncidentWithWarRoom();
        rig.core.incidents().changeStatus(id, Status.RESOLVED, StrictSlackRig.USER);

        // WHEN the war-room function gets "resolved" twice (a redelivery), and the postmortem function once
        rig.relayThroughTheFunctions(2);

        // THEN the owner got one direct message with the checklist, the war room one line naming the owner, and
        // the reminders are scheduled all the same
        List<SlackApiStub.Call> toOwner = postsTo(rig, StrictSlackRig.USER);
        assertEquals(1, toOwner.size(), "one direct message");
        assertTrue(toOwner.get(0).param("blocks").contains(SlackIds.Action.COMPLETE_POSTMORTEM.id()), "with the checklist");
        assertTrue(toOwner.get(0).param("text").contains(id.toString()));
        // (the messages the channel holds, not the calls: a call Slack answered with 429 and the client repeated is one line)
        List<String> inRoom = rig.slack.messages(rig.room().channelId()).stream().map(SlackApiStub.Message::text)
                .filter(text -> text != null && text.contains("下書きしました")).toList();
        assertEquals(1, inRoom.size(), () -> "one line in the war room: " + inRoom);
        assertTrue(inRoom.get(0).contains("<@" + StrictSlackRig.USER + ">"));
        assertFalse(rig.scheduled.isEmpty(), "the postmortem function still scheduled its reminders");
    }

    @Test
    void aDraftNobodyOwns_asksTheWarRoomWhoTakesIt_andSendsNoDirectMessage() {
        // GIVEN an alarm's incident of a service nobody is configured to own, which its OK resolves
        try (StrictSlackRig autoResolving = new StrictSlackRig(HostileData.all()[0], Map.of(Settings.AUTO_RESOLVE, "true"))) {
            IncidentId id = autoResolving.openIncidentWithWarRoom();
            autoResolving.recover(autoResolving.data.alarmName());

            // WHEN "resolved" reaches the functions
            autoResolving.relayThroughTheFunctions(1);

            // THEN nobody owns the postmortem, and the war room is asked who takes it; no message went to a monitor
            assertEquals(null, autoResolving.core.postmortems().get(id).owner());
            assertTrue(postsTo(autoResolving, autoResolving.room().channelId()).stream()
                    .anyMatch(c -> c.param("text") != null && c.param("text").contains("まだ担当者がいません")));
            assertEquals(List.of(), postsTo(autoResolving, "cloudwatch"));
        }
    }

    @Test
    void theDigestAndTheDueReminder_sayUnassigned_forAnItemOrPostmortemNobodyOwns_neverABrokenMention() {
        // GIVEN an overdue postmortem nobody owns, with an action item nobody owns
        try (StrictSlackRig autoResolving = new StrictSlackRig(HostileData.all()[0], Map.of(Settings.AUTO_RESOLVE, "true"))) {
            IncidentId id = autoResolving.openIncidentWithWarRoom();
            autoResolving.recover(autoResolving.data.alarmName());
            autoResolving.relayEvents();
            autoResolving.core.postmortems().addActionItem(id, "Canary deploys", ActionItem.Type.PREVENT, null, null, null,
                    StrictSlackRig.USER);
            ReminderScheduler.Reminder due = autoResolving.scheduled.stream()
                    .filter(r -> r.kind() == ReminderScheduler.Kind.DUE).findFirst().orElseThrow();

            // WHEN the due reminder fires, and the weekly digest is posted two days later
            autoResolving.calendar.set(due.at());
            autoResolving.notices.remind(due);
            autoResolving.calendar.set(due.at().plus(java.time.Duration.ofDays(2)));
            String digest = autoResolving.notices.digest();

            // THEN both say "unassigned" in the team's language, and no mention of nobody reached Slack
            String reminder = postsTo(autoResolving, autoResolving.room().channelId()).getLast().param("text");
            assertTrue(reminder.contains("担当 未割り当て"), reminder);
            assertTrue(digest.contains("Canary deploys") && digest.contains("— 未割り当て"), digest);
            assertTrue(digest.contains("担当 未割り当て"), "the overdue postmortem's owner: " + digest);
            assertTrue(autoResolving.slack.calls("chat.postMessage").stream().map(c -> String.valueOf(c.param("text")))
                    .noneMatch(t -> t.contains("<@—>") || t.contains("<@null>")));
        }
    }
}
