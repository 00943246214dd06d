package io.hikeshi.handlers.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.access.ActionPolicy.Action;
import io.hikeshi.core.access.ActionPolicy.Who;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.slack.access.AccessSettings;
import io.hikeshi.slack.access.Workspace;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may use the Slack app, as configured: HIKESHI_SLACK_TEAM_ID, _ENTERPRISE_ID, _ALLOW_GUESTS, HIKESHI_POLICY. */
class AccessSettingsTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void nothingConfigured_servesTheTokensOwnWorkspace_underTheDefaultPolicy_withoutGuests() {
        // GIVEN no access settings WHEN the Slack app's access is wired
        AccessSettings access = SlackWiring.access(Settings.from(Map.of()), CLOCK);
        // THEN the workspace is learned from auth.test; the weighty actions are the war room's; guests are refused
        assertNull(access.workspace());
        assertEquals(Who.MEMBERS, access.policy().who(Action.RESOLVE));
        assertEquals(Who.ANYONE, access.policy().who(Action.ACKNOWLEDGE));
        assertFalse(access.policy().guestsAllowed());
    }

    @Test
    void aConfiguredWorkspaceAndPolicy_areTaken() {
        // GIVEN an organisation's workspace, a commander-only resolve, guests allowed
        AccessSettings access = SlackWiring.access(Settings.from(Map.of(Settings.SLACK_TEAM_ID, "T0123ABCD",
                Settings.SLACK_ENTERPRISE_ID, "E0123ABCD", Settings.POLICY, "resolve=commander,change_roles=anyone",
                Settings.SLACK_ALLOW_GUESTS, "true")), CLOCK);
        // THEN each is as configured
        assertEquals(new Workspace("T0123ABCD", "E0123ABCD"), access.workspace());
        assertEquals(Who.COMMANDER, access.policy().who(Action.RESOLVE));
        assertEquals(Who.ANYONE, access.policy().who(Action.CHANGE_ROLES));
        assertEquals(Who.MEMBERS, access.policy().who(Action.LOWER_SEVERITY));
        assertTrue(access.policy().guestsAllowed());
    }

    @Test
    void accessSettingsThatDoNotParse_stopTheFunctionAtStart_namingEachOne() {
        // GIVEN a team id that is not one, a policy with an unknown rule, a guest flag that is not a boolean
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Settings.from(Map.of(
                Settings.SLACK_TEAM_ID, "hikeshi-demo", Settings.POLICY, "resolve=admins",
                Settings.SLACK_ALLOW_GUESTS, "sometimes")));
        // THEN the one message names all three
        assertTrue(e.getMessage().contains(Settings.SLACK_TEAM_ID), e.getMessage());
        assertTrue(e.getMessage().contains(Settings.POLICY + ": 'resolve=admins'"), e.getMessage());
        assertTrue(e.getMessage().contains(Settings.SLACK_ALLOW_GUESTS), e.getMessage());
    }
}
