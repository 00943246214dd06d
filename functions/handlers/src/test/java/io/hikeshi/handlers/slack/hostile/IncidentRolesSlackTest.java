package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.slack.views.SlackLimits;
import io.hikeshi.slackstub.SlackApiStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /incident role <role> @name} through signed Slack requests against the strict stub, on an incident whose
 * service is 5,000 characters (the topic's 250 must still show the role): a war-room member gives the role, the card
 * and the topic show it, the war room hears of it once though the bus delivers the event twice, and the person is
 * invited; a stranger is refused in their own language, and a name typed as plain text is refused with a hint.
 */
class IncidentRolesSlackTest {

    private static final String MEMBER = StrictSlackRig.USER;
    /** Not in the war room, reading English. */
    private static final String STRANGER = "U0KENJI";
    private static final String COMMS = "U0MISAKI";

    private StrictSlackRig rig;
    private IncidentId id;
    private String room;

    @BeforeEach
    void warRoomOfAFiringAlarm() {
        rig = new StrictSlackRig(HostileData.all()[7]);
        id = rig.openIncidentWithWarRoom();
        room = rig.room().channelId();
        rig.slack.join(room, MEMBER);
        rig.slack.setLocale(STRANGER, "en-US");
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aMemberGivesTheCommsRole_theCardAndTopicShowIt_theRoomHearsOnce_andThePersonIsInvited() {
        assertFalse(rig.slack.members(room).contains(COMMS));
        int roomBefore = rig.slack.messages(room).size();

        // WHEN a war-room member types the command in the room, and the bus delivers its events twice
        JsonNode ack = rig.command("role comms <@" + COMMS + "|misaki>", room, MEMBER);
        List<DomainEvent> events = rig.core.storage().outbox().pending(100);
        events.forEach(rig.warRoom::on);
        rig.relayEvents();

        // THEN it is stored, on the timeline, and the person who typed it is told (in the team's language)
        assertEquals(Map.of("comms", COMMS), rig.stored().roles());
        assertEquals(1, rig.timeline().stream().filter(e -> e.kind() == TimelineKind.ROLE_CHANGED).count());
        assertEquals(rig.m.get("roles.assigned", id, "<@" + COMMS + ">", "広報担当"), ack.path("text").asText());

        // the war room got one line, naming who gave the role to whom
        List<String> lines = rig.slack.messages(room).stream().skip(roomBefore).map(SlackApiStub.Message::text).toList();
        assertEquals(List.of("<@" + MEMBER + "> が <@" + COMMS + "> を広報担当に指名しました"), lines);

        // the card shows the role, and so does the topic, within Slack's 250 characters
        String card = lastCardUpdate();
        assertTrue(card.contains("*広報担当* <@" + COMMS + ">"), card);
        String topic = rig.slack.topic(room);
        assertTrue(SlackLimits.length(topic) <= SlackLimits.TOPIC, topic);
        assertTrue(topic.endsWith(" · 広報担当: <@" + COMMS + ">"), topic);

        // and the person is in the room
        assertTrue(rig.slack.members(room).contains(COMMS), rig.slack.members(room).toString());
    }

    @Test
    void aStranger_isRefusedInTheirLanguage_andNothingChanges() {
        JsonNode ack = rig.command("role scribe <@" + COMMS + ">", room, STRANGER);

        Messages english = Messages.of(Messages.ENGLISH);
        assertEquals(english.get("already", id, english.get("access.members.only", id,
                english.get("access.action.change_roles"))), ack.path("text").asText());
        assertEquals(Map.of(), rig.stored().roles());
        assertEquals(List.of(), rig.core.storage().outbox().pending(100).stream()
                .filter(e -> e.type() == DomainEvent.Type.ROLE_CHANGED).toList());
    }

    @Test
    void aNameTypedAsPlainText_isRefusedWithAHint() {
        JsonNode ack = rig.command("role comms @misaki", room, MEMBER);

        assertEquals(rig.m.get("roles.not.mention", "comms", "@misaki"), ack.path("text").asText());
        assertEquals(Map.of(), rig.stored().roles());
    }

    @Test
    void aRoleTheTeamDoesNotHave_isRefused_namingTheRolesItHas() {
        JsonNode ack = rig.command("role translator <@" + COMMS + ">", room, MEMBER);

        assertEquals(rig.m.get("already", id, rig.m.get("roles.refusal.unknown", "translator", "comms, scribe")),
                ack.path("text").asText());
        assertEquals(Map.of(), rig.stored().roles());
    }

    /** The blocks of the card's latest redraw, as JSON (Slack's escapes read back). */
    private String lastCardUpdate() {
        String cardTs = rig.room().cardTs();
        String blocks = rig.slack.calls("chat.update").stream().filter(c -> cardTs.equals(c.param("ts")))
                .reduce((first, second) -> second).orElseThrow().param("blocks");
        try {
            return new ObjectMapper().readTree(blocks).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
