package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Status;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.web.WebApp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever acts in Slack is known by name outside it: the Slack function asks users.info once per person within its
 * cache time, however many requests a burst brings (the access gate, the person's language and the name share the
 * answer), and stores the name in the table, where the web page reads it. Inside Slack people stay mentions, which
 * Slack itself renders as names. Signed Slack requests through the real Bolt app, against the strict stub.
 */
class PeopleNamesSlackTest {

    private static final String ALICE = StrictSlackRig.USER;
    /** The card's sample click comes from Bob. */
    private static final String BOB = "U0BOB";
    /** Alice chose no display name (Slack gives ""): her real name is shown, markup and all, as text. */
    private static final String ALICE_NAME = "Alice <b>Sato</b>";
    private static final String BOB_NAME = "bob | on call";

    private StrictSlackRig rig;
    private String room;

    @BeforeEach
    void warRoomOfAFiringAlarm() {
        rig = new StrictSlackRig(HostileData.all()[0]);
        rig.openIncidentWithWarRoom();
        room = rig.room().channelId();
        rig.slack.join(room, ALICE);
        rig.slack.join(room, BOB);
        rig.slack.setProfileNames(ALICE, "", ALICE_NAME);
        rig.slack.setProfileNames(BOB, BOB_NAME, "Bob Tanaka");
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void aBurstOfRequests_asksSlackOncePerPerson_andStoresTheirNames() {
        // WHEN Alice sends three commands and Bob clicks the card twice, within the cache time
        rig.command("help", room);
        rig.command("list", room);
        rig.command("status", room);
        rig.interaction(rig.cardAction(SlackIds.Action.ACKNOWLEDGE.id(), rig.incident().toString(), false));
        rig.interaction(rig.cardAction(SlackIds.Action.TAKE_COMMAND.id(), rig.incident().toString(), false));
        rig.runTasks();

        // THEN users.info was asked once for each, and each name is in the table as Slack shows it
        assertEquals(1, usersInfoCalls(ALICE), "Alice");
        assertEquals(1, usersInfoCalls(BOB), "Bob");
        assertEquals(Map.of(ALICE, ALICE_NAME, BOB, BOB_NAME), rig.core.storage().people().names(Set.of(ALICE, BOB)));
    }

    @Test
    void theWebPage_showsTheNamesSlackGave_whileSlackItselfKeepsMentions() {
        // GIVEN Bob acknowledged and took command from the card
        rig.interaction(rig.cardAction(SlackIds.Action.ACKNOWLEDGE.id(), rig.incident().toString(), false));
        rig.interaction(rig.cardAction(SlackIds.Action.TAKE_COMMAND.id(), rig.incident().toString(), false));
        rig.runTasks();
        rig.relayEvents();
        assertEquals(Status.ACKNOWLEDGED, rig.stored().status());

        // WHEN the incident's page is read (the web function's code over the same table; it never asks Slack)
        WebApp web = new WebApp(new IncidentBrowser(rig.core.storage(), rig.core.clock(), StrictSlackRig.TOKYO), null);
        String page = web.handle(new WebApp.Request("GET", "/incidents/" + rig.incident(), Map.of("lang", "en"), null))
                .body();

        // THEN the commander and the timeline show Bob's name, escaped; no id of a named person
        assertTrue(page.contains("<b>@bob | on call</b>"), page);
        assertTrue(page.contains("Commander → bob | on call"), page);
        assertFalse(page.contains(BOB), page);
        // and in Slack, the war room's lines still mention him (Slack renders a mention as the name it knows now)
        List<String> lines = rig.slack.calls("chat.postMessage").stream()
                .filter(c -> room.equals(c.param("channel"))).map(c -> c.param("text")).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("<@" + BOB + ">")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains(BOB_NAME)), lines.toString());
    }

    @Test
    void someoneNamedCommanderByMention_whoNeverActs_isKnownByName_onTheWebPage() {
        // GIVEN Kenji, in the workspace, who has sent Hikeshi nothing
        String kenji = "U0KENJI";
        rig.slack.addUser(kenji, "kenji");
        rig.slack.setProfileNames(kenji, "kenji (SRE)", "Kenji Watanabe");

        // WHEN Alice makes him commander by mentioning him, as Slack sends a mention with escaping on
        rig.command("commander <@" + kenji + "|kenji>", room);
        rig.runTasks();
        rig.relayEvents();

        // THEN he commands, Slack was asked his name once, and the web page shows it (no id)
        assertEquals(kenji, rig.stored().commander());
        assertEquals(1, usersInfoCalls(kenji));
        assertEquals(Map.of(kenji, "kenji (SRE)"), rig.core.storage().people().names(Set.of(kenji)));
        WebApp web = new WebApp(new IncidentBrowser(rig.core.storage(), rig.core.clock(), StrictSlackRig.TOKYO), null);
        String page = web.handle(new WebApp.Request("GET", "/incidents/" + rig.incident(), Map.of("lang", "en"), null))
                .body();
        assertTrue(page.contains("kenji (SRE)"), page);
        assertFalse(page.contains(kenji), page);
    }

    private long usersInfoCalls(String user) {
        return rig.slack.calls("users.info").stream().map((SlackApiStub.Call c) -> c.param("user"))
                .filter(user::equals).count();
    }
}
