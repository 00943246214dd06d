package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.SlackApiStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The update cadence as deployed: an alarm's SEV2 incident (an update every 30 minutes by default) and its war
 * room, people acting through signed Slack requests against the strict stub, the war-room function setting the
 * nudge from the committed events, and Scheduler's delivery of it through the reminder function. Times come from
 * now: the nudge is set from when the incident was opened, and the reminders' clock is moved to it.
 */
class UpdateCadenceSlackTest {

    /** The card's sample click comes from this person. */
    private static final String BOB = "U0BOB";

    private StrictSlackRig rig;
    private IncidentId id;
    private String room;

    private void warRoomOfAFiringAlarm(Map<String, String> settings) {
        rig = new StrictSlackRig(HostileData.all()[0], settings);
        id = rig.openIncidentWithWarRoom();
        room = rig.room().channelId();
        rig.slack.join(room, StrictSlackRig.USER);
        rig.slack.join(room, BOB);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aSilentWarRoom_isNudgedAfterTheInterval_mentioningTheCommander_andAgainOneIntervalLater() {
        // GIVEN Bob took command from the card, and nobody posted a status update since the alarm opened it
        warRoomOfAFiringAlarm(Map.of());
        rig.interaction(rig.cardAction(SlackIds.Action.TAKE_COMMAND.id(), id.toString(), false));
        relay();
        Reminder nudge = rig.nudge(id).orElseThrow();

        // WHEN the nudge's time comes and Scheduler delivers it
        rig.calendar.set(nudge.at());
        List<String> spokeTo = rig.fire(nudge);

        // THEN one line in the war room, to the commander, in the team's words, with how long it has been silent
        assertEquals(List.of(room), spokeTo);
        assertEquals(List.of(":hourglass_flowing_sand: <@U0BOB> *" + id + "* の状況報告が 30 分ありません（SEV2 は 30 分ごとに報告）。"
                + "`/incident status` で現状を共有してください。"), nudges());
        // AND the next one is set an interval later: a silent incident is nudged every interval
        assertEquals(nudge.at().plus(Duration.ofMinutes(30)), rig.nudge(id).orElseThrow().at());
    }

    @Test
    void noNudge_afterAStatusUpdateWithinTheInterval_andTheNextCountsFromTheUpdate() {
        // GIVEN the nudge the opening set
        warRoomOfAFiringAlarm(Map.of());
        Reminder before = rig.nudge(id).orElseThrow();

        // WHEN someone posts a status update (the form, signed), and later the old nudge is delivered after all
        submitUpdate("INVESTIGATING", "ロールバックを準備中");
        rig.calendar.set(before.at());
        List<String> spokeTo = rig.fire(before);

        // THEN it says nothing, and the nudge now counts from the update
        assertEquals(List.of(), spokeTo);
        assertEquals(List.of(), nudges());
        assertTrue(rig.nudge(id).orElseThrow().at().isAfter(before.at()), "set again from the update");
    }

    @Test
    void noNudge_afterMitigated_andNoneSetAnyMore() {
        // GIVEN the nudge the opening set
        warRoomOfAFiringAlarm(Map.of());
        Reminder before = rig.nudge(id).orElseThrow();

        // WHEN a status update mitigates it, and the nudge is delivered all the same (already underway)
        submitUpdate("MITIGATED", "ロールバックしました");
        assertEquals(Status.MITIGATED, rig.stored().status());
        assertTrue(rig.nudge(id).isEmpty(), "mitigating deleted the pending nudge");
        rig.calendar.set(before.at());
        List<String> spokeTo = rig.fire(before);

        // THEN nothing is said, and nothing more is set
        assertEquals(List.of(), spokeTo);
        assertEquals(List.of(), nudges());
        assertTrue(rig.nudge(id).isEmpty());
    }

    @Test
    void aDuplicateDelivery_isSaidOnce() {
        // GIVEN a silent war room whose nudge is due
        warRoomOfAFiringAlarm(Map.of());
        Reminder nudge = rig.nudge(id).orElseThrow();
        rig.calendar.set(nudge.at());

        // WHEN Scheduler delivers it twice
        List<String> first = rig.fire(nudge);
        List<String> second = rig.fire(nudge);

        // THEN one line, and the second delivery speaks to nobody
        assertEquals(List.of(room), first);
        assertEquals(List.of(), second);
        assertEquals(1, nudges().size(), nudges().toString());
    }

    @Test
    void inEnglish_withNobodyInCommand_theWarRoomIsAskedToTakeCommand() {
        // GIVEN an English-speaking team, and nobody in command
        warRoomOfAFiringAlarm(Map.of(Settings.LOCALE, "en"));
        Reminder nudge = rig.nudge(id).orElseThrow();

        // WHEN the nudge is due and delivered
        rig.calendar.set(nudge.at());
        rig.fire(nudge);

        // THEN the war room is asked, in English from the catalogue, to take command and post an update
        assertEquals(List.of(":hourglass_flowing_sand: No status update on *" + id + "* for 30 minutes (SEV2 expects one every"
                + " 30 minutes), and nobody has taken command. Can someone take command (`/incident commander`) and post one"
                + " with `/incident status`?"), nudges());
    }

    @Test
    void inJapanese_withNobodyInCommand_theWarRoomIsAskedToTakeCommand() {
        warRoomOfAFiringAlarm(Map.of());
        Reminder nudge = rig.nudge(id).orElseThrow();

        rig.calendar.set(nudge.at());
        rig.fire(nudge);

        assertEquals(List.of(":hourglass_flowing_sand: *" + id + "* の状況報告が 30 分ありません（SEV2 は 30 分ごとに報告）。"
                + "指揮官もまだいません。どなたか指揮を執り（`/incident commander`）、`/incident status` で現状を共有してください。"),
                nudges());
    }

    // ---- the flow ----

    private void submitUpdate(String status, String summary) {
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.STATUS_UPDATE.id(), id + "|" + room, Map.of(
                "status", Map.of("type", "static_select", "selected_option", Map.of("value", status)),
                "summary", Map.of("type", "plain_text_input", "value", summary))));
        relay();
    }

    /** The listeners' tasks run and the committed events reach the war room and the cadence, as in AWS. */
    private void relay() {
        rig.runTasks();
        rig.relayEvents();
    }

    /** The nudges the war room holds (the lines that point at {@code /incident status}). */
    private List<String> nudges() {
        assertFalse(room.isEmpty());
        return rig.slack.messages(room).stream().map(SlackApiStub.Message::text)
                .filter(text -> text != null && text.startsWith(":hourglass_flowing_sand:")).toList();
    }
}
