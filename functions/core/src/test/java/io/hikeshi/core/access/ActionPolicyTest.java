package io.hikeshi.core.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hikeshi.core.Refusal;
import io.hikeshi.core.access.ActionPolicy.Action;
import io.hikeshi.core.access.ActionPolicy.Actor;
import io.hikeshi.core.access.ActionPolicy.RoomMembership;
import io.hikeshi.core.access.ActionPolicy.Who;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActionPolicyTest {

    private static final Instant DETECTED = Instant.parse("2026-11-24T03:12:47Z");
    private static final Actor COMMANDER = new Actor("U0ALICE", false);
    private static final Actor MEMBER = new Actor("U0BOB", false);
    private static final Actor STRANGER = new Actor("U0MALLORY", false);
    private static final Actor GUEST = new Actor("U0GUEST", true);
    /** The war room holds Alice (commander) and Bob. */
    private static final RoomMembership ROOM = (incident, user) -> Optional.of(Set.of("U0ALICE", "U0BOB").contains(user));
    private static final RoomMembership NO_ROOM = (incident, user) -> Optional.empty();

    private static Incident incident(String commander) {
        Incident open = Incident.open(IncidentId.parse("INC-0042"), "payment-api 5xx", Severity.SEV2, "payment-api",
                null, null, DETECTED);
        return commander == null ? open : open.withCommander(commander);
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"RESOLVE", "LOWER_SEVERITY", "CHANGE_ROLES"})
    void weightyActions_areRefusedToStrangers_butAllowedToCommanderAndMembers_byDefault(Action action) {
        // GIVEN the default policy and an incident commanded by Alice, whose war room holds Alice and Bob
        ActionPolicy policy = ActionPolicy.defaults();
        Incident incident = incident("U0ALICE");
        // WHEN the commander, a member and a stranger each ask
        // THEN the first two may, the stranger is refused with words saying who may
        assertDoesNotThrow(() -> policy.check(action, COMMANDER, incident, ROOM));
        assertDoesNotThrow(() -> policy.check(action, MEMBER, incident, ROOM));
        Refusal refusal = assertThrows(Refusal.class, () -> policy.check(action, STRANGER, incident, ROOM));
        assertEquals("access.members.only", refusal.reason().key());
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"DECLARE", "ACKNOWLEDGE", "POST_UPDATE"})
    void everydayActions_areOpenToAnyoneInTheWorkspace_byDefault(Action action) {
        // GIVEN the default policy
        // WHEN someone outside the war room asks
        // THEN nothing is refused
        assertDoesNotThrow(() -> ActionPolicy.defaults().check(action, STRANGER, incident("U0ALICE"), ROOM));
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = "SKIP_POSTMORTEM", mode = EnumSource.Mode.EXCLUDE) // the commander's alone
    void guests_areRefusedEverything_unlessAllowed(Action action) {
        // GIVEN a guest who is even in the war room
        RoomMembership guestInRoom = (incident, user) -> Optional.of(true);
        // WHEN they ask under the default policy, then under one that allows guests
        Refusal refusal = assertThrows(Refusal.class,
                () -> ActionPolicy.defaults().check(action, GUEST, incident("U0ALICE"), guestInRoom));
        // THEN the first refuses them as a guest, the second lets them act like anyone else
        assertEquals("access.guest", refusal.reason().key());
        assertDoesNotThrow(() -> ActionPolicy.defaults().guestsAllowed(true).check(action, GUEST, incident("U0ALICE"), guestInRoom));
    }

    @Test
    void commanderOnly_refusesMembers_andNamesTheCommander() {
        // GIVEN resolving is configured for the commander alone
        ActionPolicy policy = ActionPolicy.parse("resolve=commander");
        // WHEN a member of the war room tries to resolve
        Refusal refusal = assertThrows(Refusal.class, () -> policy.check(Action.RESOLVE, MEMBER, incident("U0ALICE"), ROOM));
        // THEN the refusal names the commander, in English and Japanese
        assertEquals("Only the commander of INC-0042, <@U0ALICE>, may resolve it. Nothing was changed.",
                refusal.reason(Messages.of(Messages.ENGLISH)));
        assertEquals("INC-0042 を解決することができるのは指揮官の <@U0ALICE> さんだけです。何も変更していません。",
                refusal.reason(Messages.of(Messages.JAPANESE)));
        assertDoesNotThrow(() -> policy.check(Action.RESOLVE, COMMANDER, incident("U0ALICE"), ROOM));
    }

    @Test
    void withoutACommander_commanderOnlyFallsBackToTheWarRoom() {
        // GIVEN resolving is for the commander alone, and nobody has taken command
        ActionPolicy policy = ActionPolicy.parse("resolve=commander");
        // WHEN a member and a stranger try
        // THEN the member may; the stranger is refused
        assertDoesNotThrow(() -> policy.check(Action.RESOLVE, MEMBER, incident(null), ROOM));
        assertThrows(Refusal.class, () -> policy.check(Action.RESOLVE, STRANGER, incident(null), ROOM));
    }

    @Test
    void anIncidentWithNeitherCommanderNorRoom_canBeTakenByAnyone_soItIsNeverStuck() {
        // GIVEN an incident whose war room is not built and that has no commander
        // WHEN someone takes command
        // THEN it is allowed; once there is a commander, a stranger is refused again
        assertDoesNotThrow(() -> ActionPolicy.defaults().check(Action.CHANGE_ROLES, STRANGER, incident(null), NO_ROOM));
        assertThrows(Refusal.class, () -> ActionPolicy.defaults().check(Action.RESOLVE, STRANGER, incident("U0ALICE"), NO_ROOM));
    }

    @Test
    void parse_keepsDefaultsForUnnamedActions_andRefusesWhatItCannotRead() {
        // GIVEN a configuration naming one action
        ActionPolicy policy = ActionPolicy.parse(" change_roles = anyone ");
        // THEN that action changes and the others keep their defaults
        assertEquals(Who.ANYONE, policy.who(Action.CHANGE_ROLES));
        assertEquals(Who.MEMBERS, policy.who(Action.RESOLVE));
        assertEquals(Who.ANYONE, policy.who(Action.ACKNOWLEDGE));
        // AND a malformed one is refused, naming the part
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ActionPolicy.parse("resolve=root"));
        org.junit.jupiter.api.Assertions.assertTrue(bad.getMessage().contains("'resolve=root'"));
        assertThrows(IllegalArgumentException.class, () -> ActionPolicy.parse("delete=anyone"));
        assertThrows(IllegalArgumentException.class, () -> ActionPolicy.parse("resolve"));
    }
}
