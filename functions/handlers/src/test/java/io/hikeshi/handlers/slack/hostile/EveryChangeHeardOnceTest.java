package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.SlackApiStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every change to an incident is heard once: one line in its war room, and what stakeholders care about
 * (declared, severity changed, mitigated, resolved, reopened, status updates) once in the broadcast channel and
 * once to SNS, however often the bus delivers its event. Signed Slack requests through the real Bolt app, against
 * the strict stub; every domain event is delivered twice.
 */
class EveryChangeHeardOnceTest {

    /** The card's sample click and the modals come from this person. */
    private static final String BOB = "U0BOB";

    private StrictSlackRig rig;
    private IncidentId id;
    private String room;

    @BeforeEach
    void warRoomOfAFiringAlarm() {
        rig = new StrictSlackRig(HostileData.all()[0]);
        id = rig.openIncidentWithWarRoom();
        room = rig.room().channelId();
        // the responders are in the war room, where the policy's weighty actions belong (resolve, lower, command)
        rig.slack.join(room, StrictSlackRig.USER);
        rig.slack.join(room, BOB);
        rig.notifications.clear();
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void acknowledge_postsOneLineInTheRoom_andTellsNoStakeholder() {
        // WHEN someone clicks Acknowledge on the card, and the bus delivers its events twice
        Heard heard = after(() -> rig.interaction(rig.cardAction(SlackIds.Action.ACKNOWLEDGE.id(), id.toString(), false)));

        // THEN one line in the room, in the team's language, naming who did it; nothing for stakeholders
        assertEquals(List.of("<@U0BOB> がインシデントを確認しました"), heard.roomLines);
        assertEquals(0, heard.broadcasts.size());
        assertEquals(0, heard.notifications);
    }

    @Test
    void takingCommand_postsOneLine_andTheNewCommanderIsInvited() {
        // WHEN someone takes command from the card
        Heard heard = after(() -> rig.interaction(rig.cardAction(SlackIds.Action.TAKE_COMMAND.id(), id.toString(), false)));

        // THEN taking command acknowledged the firing incident, and one line says both; the commander is in the room
        assertEquals(List.of("<@U0BOB> がインシデントを確認し、指揮を執りました"), heard.roomLines);
        assertEquals(Status.ACKNOWLEDGED, rig.stored().status());
        assertEquals(BOB, rig.stored().commander());
        assertTrue(rig.stored().acknowledgedAt() != null, "a person acknowledged it by taking command");
        assertTrue(rig.slack.members(room).contains(BOB), rig.slack.members(room).toString());
        assertEquals(0, heard.broadcasts.size());
    }

    @Test
    void raisingTheSeverity_postsOneLine_theNewSeveritysGuide_oneBroadcast_andOneNotification() {
        // WHEN the card's severity select picks SEV1
        Heard heard = after(() -> rig.interaction(rig.cardAction(SlackIds.Action.CHANGE_SEVERITY.id(), id + "|SEV1", true)));

        // THEN the line, then SEV1's response guide (the room was built with SEV2's), once each
        assertEquals(Severity.SEV1, rig.stored().severity());
        assertEquals(2, heard.roomLines.size(), heard.roomLines.toString());
        assertEquals("<@U0BOB> が重大度を SEV2 から *SEV1* に変更しました", heard.roomLines.get(0));
        assertTrue(heard.roomLines.get(1).contains("SEV1"), "the guide for SEV1: " + heard.roomLines.get(1));
        assertEquals(1, heard.broadcasts.size());
        assertEquals(1, heard.notifications);
    }

    @Test
    void loweringTheSeverity_postsOneLine_andNoGuide() {
        // WHEN the severity is lowered to SEV3
        Heard heard = after(() -> rig.interaction(rig.cardAction(SlackIds.Action.CHANGE_SEVERITY.id(), id + "|SEV3", true)));

        // THEN only the line in the room; stakeholders hear of it once
        assertEquals(List.of("<@U0BOB> が重大度を SEV2 から *SEV3* に変更しました"), heard.roomLines);
        assertEquals(1, heard.broadcasts.size());
    }

    @Test
    void aStatusUpdateThatMitigates_isOneLine_oneBroadcast_andOneNotification_notTwoOfEach() {
        // WHEN a status update moves the incident to mitigated
        Heard heard = after(() -> submitUpdate("MITIGATED", "ロールバックしました"));

        // THEN the update speaks for the status change it made
        assertEquals(Status.MITIGATED, rig.stored().status());
        assertEquals(List.of(":memo: <@U0ALICE> が状況を報告し、ステータスを 発生 から *緩和済み* に変更しました: ロールバックしました"),
                heard.roomLines);
        assertEquals(1, heard.broadcasts.size());
        assertEquals(1, heard.notifications);
    }

    @Test
    void resolve_isAnnouncedOnce_andResolvingAgainIsRefused_andAnnouncesNothing() {
        // WHEN the resolve form is submitted
        Heard resolved = after(() -> submitResolve("原因のデプロイを戻しました"));

        // THEN one line, one broadcast, one notification (not two of each, as when the update and the status spoke apart)
        assertEquals(Status.RESOLVED, rig.stored().status());
        assertEquals(1, resolved.roomLines.size(), resolved.roomLines.toString());
        assertEquals(1, resolved.broadcasts.size(), resolved.broadcasts.toString());
        assertEquals(1, resolved.notifications);

        // WHEN it is submitted again
        Heard again = after(() -> assertTrue(submitResolve("もう一度").toString().contains("すでに解決済み"),
                "refused in the form, in the person's language"));

        // THEN nothing more is said anywhere
        assertEquals(List.of(), again.roomLines);
        assertEquals(0, again.broadcasts.size());
        assertEquals(0, again.notifications);
    }

    @Test
    void theAlarmsRecoveryAndItsReFiring_areEachOneLine_andStakeholdersHearBoth() {
        // WHEN the alarm recovers (the incident is mitigated), then fires again
        Heard recovered = after(() -> rig.alarm(rig.data.alarmName(), "OK"));
        Heard firedAgain = after(() -> rig.alarm(rig.data.alarmName(), "ALARM"));

        // THEN each is a line naming the monitor, a broadcast and a notification; re-firing acknowledges nothing
        assertEquals(1, recovered.roomLines.size(), recovered.roomLines.toString());
        assertTrue(recovered.roomLines.get(0).startsWith("cloudwatch が"), recovered.roomLines.toString());
        assertEquals(1, recovered.broadcasts.size());
        assertEquals(1, firedAgain.roomLines.size(), firedAgain.roomLines.toString());
        assertTrue(firedAgain.roomLines.get(0).contains("戻しました"), firedAgain.roomLines.toString());
        assertEquals(1, firedAgain.broadcasts.size());
        assertEquals(1, firedAgain.notifications);
        assertEquals(Status.INVESTIGATING, rig.stored().status());
        assertEquals(null, rig.stored().acknowledgedAt(), "only a person acknowledges");
    }

    @Test
    void reopen_isOneLine_oneBroadcast_andOneNotification_withTheReason_andThePostmortemStays() {
        // GIVEN the incident resolved, its postmortem drafted
        after(() -> submitResolve("原因のデプロイを戻しました"));
        var postmortem = rig.core.postmortems().find(id).orElseThrow();

        // WHEN someone reopens it in its war room, saying why
        Heard heard = after(() -> rig.command("reopen キャッシュ切れでエラーが再発", room));

        // THEN investigating again, heard once each, with the reason; the postmortem is the same one
        assertEquals(Status.INVESTIGATING, rig.stored().status());
        assertEquals(List.of(":leftwards_arrow_with_hook: <@U0ALICE> がインシデントを再開しました: キャッシュ切れでエラーが再発"),
                heard.roomLines);
        assertEquals(1, heard.broadcasts.size());
        assertTrue(heard.broadcasts.get(0).contains("キャッシュ切れでエラーが再発"), heard.broadcasts.toString());
        assertEquals(1, heard.notifications);
        assertEquals(postmortem, rig.core.postmortems().find(id).orElseThrow());
    }

    // ---- the flow, with every event delivered twice ----

    private void submitUpdate(String status, String summary) {
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.STATUS_UPDATE.id(), id + "|" + room, Map.of(
                "status", Map.of("type", "static_select", "selected_option", Map.of("value", status)),
                "summary", Map.of("type", "plain_text_input", "value", summary))));
    }

    private Object submitResolve(String resolution) {
        return rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.RESOLVE.id(), id + "|" + room, Map.of(
                "resolution", Map.of("type", "plain_text_input", "value", resolution))));
    }

    /** What the room, the broadcast channel and SNS got from {@code action}, its tasks and its events (each twice). */
    private Heard after(Runnable action) {
        int roomBefore = rig.slack.messages(room).size();
        int broadcastBefore = rig.slack.messages(StrictSlackRig.BROADCAST).size();
        int notifiedBefore = rig.notifications.size();
        action.run();
        rig.runTasks();
        List<DomainEvent> events = rig.core.storage().outbox().pending(100);
        events.forEach(rig.warRoom::on);
        rig.relayEvents(); // the second delivery, and the postmortem draft on "resolved"
        List<String> roomLines = rig.slack.messages(room).stream().skip(roomBefore).map(SlackApiStub.Message::text).toList();
        List<String> broadcasts = rig.slack.messages(StrictSlackRig.BROADCAST).stream().skip(broadcastBefore)
                .map(SlackApiStub.Message::text).toList();
        return new Heard(roomLines, broadcasts, rig.notifications.size() - notifiedBefore);
    }

    private record Heard(List<String> roomLines, List<String> broadcasts, int notifications) { }
}
