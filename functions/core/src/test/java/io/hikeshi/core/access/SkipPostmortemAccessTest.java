package io.hikeshi.core.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.Refusal;
import io.hikeshi.core.access.ActionPolicy.Action;
import io.hikeshi.core.access.ActionPolicy.Actor;
import io.hikeshi.core.access.ActionPolicy.RoomMembership;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Saying an incident needs no postmortem is the commander's call: it silences every reminder. Without a commander
 * the war room's members may; the policy can widen or narrow it like any other action.
 */
class SkipPostmortemAccessTest {

    private static final Actor COMMANDER = new Actor("U0ALICE", false);
    private static final Actor MEMBER = new Actor("U0BOB", false);
    private static final Actor STRANGER = new Actor("U0MALLORY", false);
    private static final RoomMembership ROOM = (incident, user) -> Optional.of(user.equals("U0BOB"));

    private static Incident resolved(String commander) {
        Instant at = Instant.parse("2026-11-24T03:00:00Z");
        return new Incident(new IncidentId(42), "Payment API returns 5xx", Severity.SEV4, Status.RESOLVED, "payment-api",
                commander, null, null, at, at, at, at, 1, 1);
    }

    @Test
    void byDefault_theCommanderMay_andAMemberOrStrangerIsRefused_namingTheCommander_inTheirLanguage() {
        // GIVEN the default policy and a resolved incident commanded by U0ALICE
        ActionPolicy policy = ActionPolicy.defaults();
        Incident incident = resolved("U0ALICE");

        // WHEN the commander, a war-room member and a stranger ask to skip its postmortem
        // THEN only the commander may; the others are told who may, in English or Japanese
        assertDoesNotThrow(() -> policy.check(Action.SKIP_POSTMORTEM, COMMANDER, incident, ROOM));
        Refusal member = assertThrows(Refusal.class, () -> policy.check(Action.SKIP_POSTMORTEM, MEMBER, incident, ROOM));
        Refusal stranger = assertThrows(Refusal.class, () -> policy.check(Action.SKIP_POSTMORTEM, STRANGER, incident, ROOM));
        assertEquals("access.commander.only", member.reason().key());
        assertEquals("Only the commander of INC-0042, <@U0ALICE>, may say that it needs no postmortem. Nothing was changed.",
                stranger.reason(Messages.of(Messages.ENGLISH)));
        assertTrue(stranger.reason(Messages.of(Messages.JAPANESE)).contains("ポストモーテムを不要にする"),
                stranger.reason(Messages.of(Messages.JAPANESE)));
    }

    @Test
    void withoutACommander_theWarRoomsMembersMay_andAStrangerIsRefused() {
        // GIVEN an incident nobody commanded
        Incident incident = resolved(null);

        // WHEN a member and a stranger ask
        // THEN the member may, the stranger is told only the commander and the room may
        assertDoesNotThrow(() -> ActionPolicy.defaults().check(Action.SKIP_POSTMORTEM, MEMBER, incident, ROOM));
        Refusal refused = assertThrows(Refusal.class,
                () -> ActionPolicy.defaults().check(Action.SKIP_POSTMORTEM, STRANGER, incident, ROOM));
        assertEquals("access.members.only", refused.reason().key());
    }

    @Test
    void thePolicy_canOpenItToTheWarRoom_byItsConfigName() {
        // GIVEN HIKESHI_POLICY=skip_postmortem=members
        ActionPolicy policy = ActionPolicy.parse("skip_postmortem=members");

        // WHEN a member of the room asks, and a guest
        // THEN the member may; a guest never, unless guests are allowed
        assertEquals(ActionPolicy.Who.MEMBERS, policy.who(Action.SKIP_POSTMORTEM));
        assertDoesNotThrow(() -> policy.check(Action.SKIP_POSTMORTEM, MEMBER, resolved("U0ALICE"), ROOM));
        Refusal guest = assertThrows(Refusal.class, () -> policy.check(Action.SKIP_POSTMORTEM,
                new Actor("U0ALICE", true), resolved("U0ALICE"), ROOM));
        assertEquals("access.guest", guest.reason().key());
        assertEquals(ActionPolicy.Who.COMMANDER, ActionPolicy.parse("resolve=anyone").who(Action.SKIP_POSTMORTEM),
                "unnamed, it keeps its default");
    }
}
