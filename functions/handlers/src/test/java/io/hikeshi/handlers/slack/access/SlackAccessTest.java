package io.hikeshi.handlers.slack.access;

import static io.hikeshi.handlers.slack.access.AccessRig.COMMANDER;
import static io.hikeshi.handlers.slack.access.AccessRig.GUEST;
import static io.hikeshi.handlers.slack.access.AccessRig.MEMBER;
import static io.hikeshi.handlers.slack.access.AccessRig.STRANGER;
import static io.hikeshi.handlers.slack.access.AccessRig.TEAM;
import static io.hikeshi.handlers.slack.access.AccessRig.answerText;
import static io.hikeshi.handlers.slack.access.AccessRig.fieldErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.handlers.lambda.Settings;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may act, through signed Slack requests against the strict stub: requests from another workspace or
 * organisation and from guests are refused before any listener runs; resolving, lowering the severity and taking
 * command belong to the commander and the war room's members; every refusal is said in the person's language and
 * leaves the incident as it was. Each test counts the attacks it saw refused.
 */
class SlackAccessTest {

    private static final String FOREIGN_TEAM = "T0ELSEWHERE";
    private static final Messages EN = Messages.of(Messages.ENGLISH);
    private static final Messages JA = Messages.of(Messages.JAPANESE);

    private AccessRig rig;

    @AfterEach
    void tearDown() {
        if (rig != null) {
            rig.close();
        }
    }

    /** Runs an attack and checks the record and Slack are as they were; returns 1 (one attack refused). */
    private int refused(Supplier<JsonNode> attack, Incident before) {
        var timeline = rig.timeline();
        JsonNode response = attack.get();
        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        assertEquals(before, rig.stored(), "the incident is unchanged");
        assertEquals(timeline, rig.timeline(), "the timeline is unchanged");
        assertEquals(1, rig.allIncidents().size(), "nothing declared");
        assertEquals(List.of(), rig.slackWrites(), "nothing said or done in Slack");
        return 1;
    }

    @Test
    void requestsFromAnotherWorkspace_areRefusedBeforeAnyListener_onEveryKindOfRequest() {
        // GIVEN Hikeshi serving the bot token's workspace (learned from auth.test: nothing configured)
        rig = new AccessRig(Map.of(), b -> b);
        Incident before = rig.stored();
        int attacks = 0;

        // WHEN a workspace that is not ours sends every kind of request, at INC's card and commands
        JsonNode resolveCommand = rig.command("resolve " + rig.incident, STRANGER, FOREIGN_TEAM, null);
        attacks += refused(() -> resolveCommand, before);
        JsonNode webCommand = rig.command("web", STRANGER, FOREIGN_TEAM, null);
        attacks += refused(() -> webCommand, before);
        attacks += refused(() -> rig.command("severity sev4 " + rig.incident, STRANGER, FOREIGN_TEAM, null), before);
        attacks += refused(() -> rig.command("note pwned " + rig.incident, STRANGER, FOREIGN_TEAM, null), before);
        attacks += refused(() -> rig.command("declare", STRANGER, FOREIGN_TEAM, null), before);
        attacks += refused(() -> rig.cardAction("incident_acknowledge", rig.incident.toString(), STRANGER, FOREIGN_TEAM), before);
        attacks += refused(() -> rig.cardAction("incident_take_command", rig.incident.toString(), STRANGER, FOREIGN_TEAM), before);
        attacks += refused(() -> rig.cardAction("incident_change_severity", rig.incident + "|SEV4", STRANGER, FOREIGN_TEAM), before);
        attacks += refused(() -> rig.cardAction("incident_resolve", rig.incident.toString(), STRANGER, FOREIGN_TEAM), before);
        JsonNode resolveModal = rig.resolveSubmission(STRANGER, FOREIGN_TEAM);
        attacks += refused(() -> resolveModal, before);
        attacks += refused(() -> rig.declareSubmission(STRANGER, FOREIGN_TEAM), before);
        attacks += refused(() -> rig.pushpinEvent(FOREIGN_TEAM, null), before);
        attacks += refused(() -> rig.homeOpenedEvent(FOREIGN_TEAM), before);
        JsonNode shortcut = rig.globalShortcut(STRANGER, FOREIGN_TEAM);
        attacks += refused(() -> shortcut, before);

        // THEN each was refused, changing nothing: commands and modals are told why, events and clicks get a bare 200
        String refusal = EN.get("access.foreign.workspace");
        assertEquals(refusal, answerText(resolveCommand));
        assertEquals(refusal, answerText(webCommand), "no personal web link for another workspace");
        assertEquals(Map.of("resolution", refusal), fieldErrors(resolveModal));
        assertEquals("", shortcut.path("body").asText());
        assertTrue(rig.queued.isEmpty(), "no Slack work queued");
        assertEquals(14, attacks);
    }

    @Test
    void aConfiguredWorkspace_isTheOnlyOneServed_evenIfTheTokenSaysOtherwise() {
        // GIVEN HIKESHI_SLACK_TEAM_ID names another workspace than the token's
        rig = new AccessRig(Map.of(Settings.SLACK_TEAM_ID, "T0CONFIGURED"), b -> b);
        Incident before = rig.stored();

        // WHEN the token's own workspace acknowledges, and then the configured one does
        int attacks = refused(() -> rig.cardAction("incident_acknowledge", rig.incident.toString(), MEMBER, TEAM), before);
        rig.cardAction("incident_acknowledge", rig.incident.toString(), MEMBER, "T0CONFIGURED");

        // THEN only the configured workspace's click counts
        assertEquals(Status.ACKNOWLEDGED, rig.stored().status());
        assertEquals(1, attacks);
    }

    @Test
    void inAnEnterpriseGridOrganisation_aRequestFromAnotherOrganisation_orNamingNone_isRefused() {
        // GIVEN the workspace is in organisation E0HIKESHI (auth.test says so)
        rig = new AccessRig(Map.of(), b -> b.enterprise("E0HIKESHI"));
        Incident before = rig.stored();
        int attacks = 0;

        // WHEN our team id arrives from another organisation, or from none
        JsonNode other = rig.command("note pwned " + rig.incident, MEMBER, TEAM, "E0ELSEWHERE");
        attacks += refused(() -> other, before);
        attacks += refused(() -> rig.command("note pwned " + rig.incident, MEMBER, TEAM, null), before);
        attacks += refused(() -> rig.pushpinEvent(TEAM, "E0ELSEWHERE"), before);

        // THEN both are refused; the organisation's own request is served
        assertEquals(EN.get("access.foreign.workspace"), answerText(other));
        rig.command("note Rolled back " + rig.incident, MEMBER, TEAM, "E0HIKESHI");
        assertEquals(1, rig.timeline().stream().filter(e -> e.kind() == TimelineKind.NOTE).count());
        assertEquals(3, attacks);
    }

    @Test
    void aSlackConnectVisitorFromAnotherOrganisation_inASharedChannel_isRefused() {
        // GIVEN our workspace, and a person of another organisation in a channel shared with it
        rig = new AccessRig(Map.of(), b -> b);
        Incident before = rig.stored();

        // WHEN their click arrives through our workspace, but with their own user.team_id
        int attacks = refused(() -> rig.cardAction("incident_acknowledge", rig.incident.toString(), "U0VISITOR", TEAM,
                "T0PARTNER"), before);

        // THEN it is refused like another workspace's
        assertEquals(before, rig.stored(), "nothing changed");
        assertEquals(1, attacks);
    }

    @Test
    void guests_areRefusedEverything_byDefault_andToldWhyInTheirLanguage() {
        // GIVEN a guest of our workspace (users.info: is_restricted), guests not allowed (the default)
        rig = new AccessRig(Map.of(), b -> b);
        Incident before = rig.stored();
        int attacks = 0;

        // WHEN the guest declares, asks for the web link, acknowledges, notes and submits a declaration
        JsonNode declare = rig.command("declare", GUEST);
        attacks += refused(() -> declare, before);
        JsonNode web = rig.command("web", GUEST);
        attacks += refused(() -> web, before);
        attacks += refused(() -> rig.command("note hello " + rig.incident, GUEST), before);
        JsonNode submitted = rig.declareSubmission(GUEST, TEAM);
        attacks += refused(() -> submitted, before);
        attacks += refused(() -> rig.cardAction("incident_acknowledge", rig.incident.toString(), GUEST), before);

        // THEN nothing changed; the guest is told why in Japanese (their Slack language)
        String refusal = JA.get("access.guest");
        assertEquals(refusal, answerText(declare));
        assertEquals(refusal, answerText(web), "no personal web link for a guest");
        assertTrue(fieldErrors(submitted).values().stream().allMatch(refusal::equals), fieldErrors(submitted).toString());
        assertEquals(List.of(refusal), rig.runTasksAndReadEphemerals(), "the click is answered privately after the ack");
        assertEquals(before, rig.stored(), "nothing changed");
        assertEquals(5, attacks);
    }

    @Test
    void guests_mayActLikeAnyoneElse_whenTheTeamAllowsThem() {
        // GIVEN HIKESHI_SLACK_ALLOW_GUESTS=true
        rig = new AccessRig(Map.of(Settings.SLACK_ALLOW_GUESTS, "true"), b -> b);

        // WHEN the guest acknowledges and notes
        rig.cardAction("incident_acknowledge", rig.incident.toString(), GUEST);
        rig.command("note Looking into it " + rig.incident, GUEST);

        // THEN both count; the weighty actions still need the war room
        assertEquals(Status.ACKNOWLEDGED, rig.stored().status());
        assertEquals(1, rig.timeline().stream().filter(e -> e.kind() == TimelineKind.NOTE).count());
        assertEquals(JA.get("access.members.only", rig.incident.toString(), JA.get("access.action.resolve")),
                fieldErrors(rig.resolveSubmission(GUEST, TEAM)).get("resolution"));
    }

    @Test
    void someoneOutsideTheWarRoom_cannotResolveLowerSeverityOrTakeCommand_inAnyWay() {
        // GIVEN INC, commanded by Alice, and Carol who is in the workspace but not in the war room
        rig = new AccessRig(Map.of(), b -> b);
        Incident before = rig.stored();
        int attacks = 0;

        // WHEN Carol tries every way to resolve, lower the severity or take command
        JsonNode resolveCommand = rig.command("resolve " + rig.incident, STRANGER);
        attacks += refused(() -> resolveCommand, before);
        JsonNode lower = rig.command("severity sev4 " + rig.incident, STRANGER);
        attacks += refused(() -> lower, before);
        attacks += refused(() -> rig.command("commander " + rig.incident, STRANGER), before);
        attacks += refused(() -> rig.command("commander <@U0CAROL|carol> " + rig.incident, STRANGER), before);
        JsonNode forgedResolve = rig.resolveSubmission(STRANGER, TEAM);
        attacks += refused(() -> forgedResolve, before);
        JsonNode resolvedByStatus = rig.statusSubmission("RESOLVED", STRANGER);
        attacks += refused(() -> resolvedByStatus, before);
        attacks += refused(() -> rig.cardAction("incident_resolve", rig.incident.toString(), STRANGER), before);
        attacks += refused(() -> rig.cardAction("incident_take_command", rig.incident.toString(), STRANGER), before);
        attacks += refused(() -> rig.cardAction("incident_change_severity", rig.incident + "|SEV4", STRANGER), before);

        // THEN each is refused in her language (Japanese) saying who may, and nothing changed
        String resolveRefusal = JA.get("access.members.only", rig.incident.toString(), JA.get("access.action.resolve"));
        assertTrue(answerText(resolveCommand).contains(resolveRefusal), answerText(resolveCommand));
        assertTrue(answerText(lower).contains(JA.get("access.action.lower_severity")), answerText(lower));
        assertEquals(resolveRefusal, fieldErrors(forgedResolve).get("resolution"));
        assertEquals(resolveRefusal, fieldErrors(resolvedByStatus).get("summary"));
        assertEquals(List.of(), rig.slack.calls("views.open"), "no resolve form opened for her");
        List<String> ephemerals = rig.runTasksAndReadEphemerals();
        assertEquals(3, ephemerals.size(), ephemerals.toString());
        assertTrue(ephemerals.stream().allMatch(t -> t.contains("対策室")), ephemerals.toString());
        assertEquals(COMMANDER, rig.stored().commander());
        assertEquals(Severity.SEV2, rig.stored().severity());
        assertEquals(9, attacks);
    }

    @Test
    void someoneOutsideTheWarRoom_mayStillAcknowledge_postUpdates_andRaiseTheSeverity() {
        // GIVEN Carol, outside the war room
        rig = new AccessRig(Map.of(), b -> b);

        // WHEN she acknowledges, notes, posts a status update and raises the severity
        rig.cardAction("incident_acknowledge", rig.incident.toString(), STRANGER);
        rig.command("note Seeing errors from Osaka too " + rig.incident, STRANGER);
        rig.statusSubmission("INVESTIGATING", STRANGER);
        rig.cardAction("incident_change_severity", rig.incident + "|SEV1", STRANGER);

        // THEN all of it counts
        Incident after = rig.stored();
        assertEquals(Status.INVESTIGATING, after.status());
        assertEquals(Severity.SEV1, after.severity());
        assertEquals(1, rig.timeline().stream().filter(e -> e.kind() == TimelineKind.NOTE).count());
        assertEquals(1, rig.timeline().stream().filter(e -> e.kind() == TimelineKind.STATUS_UPDATE).count());
    }

    @Test
    void theCommanderAndTheWarRoomsMembers_mayResolveLowerSeverityAndChangeRoles() {
        // GIVEN INC, commanded by Alice, Bob in the war room
        rig = new AccessRig(Map.of(), b -> b);

        // WHEN Alice lowers the severity, Bob takes command, a newcomer joins the room and resolves
        rig.cardAction("incident_change_severity", rig.incident + "|SEV3", COMMANDER);
        rig.cardAction("incident_take_command", rig.incident.toString(), MEMBER);
        assertEquals(MEMBER, rig.stored().commander());
        rig.slack.join(AccessRig.ROOM, STRANGER); // joined the room to help: no cache stands in her way
        JsonNode resolved = rig.resolveSubmission(STRANGER, TEAM);

        // THEN every change is made
        assertEquals(Map.of(), fieldErrors(resolved));
        Incident after = rig.stored();
        assertEquals(Severity.SEV3, after.severity());
        assertEquals(Status.RESOLVED, after.status());
    }

    @Test
    void aCommanderOnlyPolicy_refusesEvenMembers_namingTheCommander_inEnglishForAnEnglishSpeaker() {
        // GIVEN HIKESHI_POLICY=resolve=commander, and Bob, in the room, whose Slack is in English
        rig = new AccessRig(Map.of(Settings.POLICY, "resolve=commander"), b -> b);
        rig.slack.setLocale(MEMBER, "en-US");
        Incident before = rig.stored();

        // WHEN Bob tries to resolve
        JsonNode resolve = rig.command("resolve " + rig.incident, MEMBER);
        int attacks = refused(() -> resolve, before);

        // THEN he is refused in English, told who may
        assertTrue(answerText(resolve).contains("Only the commander of " + rig.incident + ", <@U0ALICE>, may resolve it."),
                answerText(resolve));
        assertEquals(1, attacks);
    }

    @Test
    void theWebLink_isGivenOnlyToOurOwnPeople() {
        // GIVEN our workspace, a member of it
        rig = new AccessRig(Map.of(), b -> b);

        // WHEN a member asks for the web link
        String link = answerText(rig.command("web", STRANGER));

        // THEN they get it (another workspace and guests are refused above)
        assertTrue(link.contains("https://hikeshi.example.jp/?token=for-U0CAROL"), link);
        assertFalse(link.contains(JA.get("access.guest")));
    }
}
