package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A private incident through signed Slack requests against the strict stub: declared private from the form, its war
 * room is a private channel; nothing reaches the broadcast channel, SNS or the channel it was declared from, while
 * every change has its line in the room; {@code /incident list} and the Home tab show it to the room's members only,
 * and the weekly digest never shows it.
 */
class PrivateIncidentSlackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = StrictSlackRig.USER;
    private static final String BOB = "U0BOB";
    private static final String TITLE = "顧客データの漏えい疑い";

    private final StrictSlackRig rig = new StrictSlackRig(HostileData.all()[0]);

    @AfterEach
    void close() {
        rig.close();
    }

    /** Alice submits the declare form from #general, ticking "private". */
    private Incident declaredPrivately() {
        ObjectNode payload = StrictSlackRig.viewSubmission(SlackIds.View.DECLARE.id(), "C0GENERAL", Map.of(
                "title", Map.of("type", "plain_text_input", "value", TITLE),
                "severity", Map.of("type", "static_select", "selected_option", Map.of("value", "SEV2")),
                "service", Map.of("type", "static_select", "selected_option", Map.of("value", "payment-api")),
                "visibility", Map.of("type", "checkboxes", "selected_options", List.of(Map.of("value", "private")))));
        ((ObjectNode) payload.path("user")).put("id", ALICE);
        assertEquals("", rig.interaction(payload).path("body").asText(), "the form closed");
        rig.runTasks();
        rig.relayEvents();
        rig.runTasks();
        return rig.core.incidents().openIncidents(10).stream().filter(i -> i.title().equals(TITLE)).findFirst().orElseThrow();
    }

    /** The change's events reach the war room, a person's pace after the last (Slack's per-channel rate). */
    private void relayed() {
        rig.slackClock.advance(StrictSlackRig.BETWEEN_ACTIONS);
        rig.relayEvents();
        rig.runTasks();
    }

    private List<SlackApiStub.Call> postsTo(String channel) {
        return rig.slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
    }

    @Test
    void declaredPrivate_getsAPrivateRoom_andIsToldThereOnly_neverBroadcastNorNotified() {
        // WHEN Alice declares it private, and it goes through its life
        Incident incident = declaredPrivately();
        String room = rig.room(incident.id()).channelId();
        rig.core.incidents().changeSeverity(incident.id(), Severity.SEV1, ALICE);
        relayed();
        rig.core.incidents().postStatusUpdate(incident.id(), Status.MITIGATED, "鍵を無効化した", ALICE);
        relayed();
        rig.core.incidents().changeStatus(incident.id(), Status.RESOLVED, ALICE);
        relayed();

        // THEN it is stored private, its room was created private, and Alice (who declared it) is in it
        assertTrue(rig.core.storage().incidents().find(incident.id()).orElseThrow().isPrivate());
        SlackApiStub.Call created = rig.slack.calls("conversations.create").getLast();
        assertTrue(List.of("1", "true").contains(created.param("is_private")), created.param("is_private"));
        assertTrue(rig.slack.members(room).contains(ALICE));
        // nothing reached the broadcast channel, SNS, or the channel it was declared from; Alice was told directly
        assertEquals(List.of(), postsTo(StrictSlackRig.BROADCAST));
        assertEquals(List.of(), rig.notifications);
        assertEquals(List.of(), postsTo("C0GENERAL"));
        assertTrue(postsTo(ALICE).getLast().param("text").contains(TITLE));
        // each change has its line in its own room (severity, update, resolve), after the card and the guide
        String lines = String.join("\n", postsTo(room).stream().map(c -> c.param("text")).toList());
        assertTrue(lines.contains("鍵を無効化した"), lines);
        assertTrue(postsTo(room).size() >= 5, lines);
        assertEquals(List.of(), rig.slack.enforcements(), "Slack refused nothing");
    }

    @Test
    void theList_showsItToTheRoomsMembers_only() {
        Incident incident = declaredPrivately();

        String toBob = rig.command("list", "C0GENERAL", BOB).toString();
        String toAlice = rig.command("list", "C0GENERAL", ALICE).toString();
        rig.slack.join(rig.room(incident.id()).channelId(), BOB);
        String toBobInside = rig.command("list", "C0GENERAL", BOB).toString();

        assertFalse(toBob.contains(TITLE), toBob);
        assertTrue(toAlice.contains(TITLE), toAlice);
        assertTrue(toBobInside.contains(TITLE), "once in the room, Bob sees it");
    }

    @Test
    void theHomeTab_showsItToTheRoomsMembers_only() {
        declaredPrivately();

        assertFalse(opensHome(BOB).contains(TITLE));
        assertTrue(opensHome(ALICE).contains(TITLE));
    }

    @Test
    void theWeeklyDigest_leavesOutAPrivateIncidentsPostmortem() {
        // GIVEN a private and a public incident, each with an overdue postmortem and an open action item
        Incident hidden = declaredPrivately();
        Incident shown = rig.core.incidents().declare("公開の障害", Severity.SEV2, "payment-api", null, ALICE, null).orElseThrow();
        postmortem(hidden.id(), hidden.title(), "非公開の対策");
        postmortem(shown.id(), shown.title(), "公開の対策");

        // WHEN the digest is posted to the broadcast channel
        String digest = rig.notices.digest();

        // THEN it holds the public one only
        assertTrue(digest.contains("公開の対策"), digest);
        assertFalse(digest.contains(TITLE), digest);
        assertFalse(digest.contains("非公開の対策"), digest);
    }

    private void postmortem(IncidentId id, String title, String item) {
        LocalDate today = LocalDate.ofInstant(rig.calendar.instant(), StrictSlackRig.TOKYO);
        ActionItem open = new ActionItem(UUID.randomUUID().toString(), item, ActionItem.Type.PREVENT, ALICE, null, null, false);
        assertTrue(rig.core.storage().postmortems().save(new Postmortem(id, title, today.minusDays(10), List.of(), ALICE,
                today.minusDays(3), null, null, null, null, null, null, List.of(open), null, null, null, null, null, 0)));
    }

    /** {@code user} opens their Home tab; what it shows. */
    private String opensHome(String user) {
        ObjectNode opened = StrictSlackRig.sample("slack-event-app-home-opened.json");
        opened.put("event_id", "Ev" + UUID.randomUUID().toString().substring(0, 8));
        ((ObjectNode) opened.path("event")).put("user", user);
        rig.event(opened);
        rig.runTasks();
        SlackApiStub.Call call = rig.slack.calls("views.publish").getLast();
        assertEquals(user, call.param("user_id"));
        try {
            JsonNode view = JSON.readTree(call.param("view"));
            return view.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
