package io.hikeshi.slack.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.response.auth.AuthTestResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests a workspace admits: its team, its organisation, its own people. */
class WorkspaceTest {

    private static RequestOrigin from(String team, String enterprise, String userTeam) {
        return new RequestOrigin(team, enterprise, "U0ALICE", userTeam, "C0WARROOM", List.of());
    }

    private static AuthTestResponse auth(String team, String enterprise, boolean orgWide) {
        AuthTestResponse auth = new AuthTestResponse();
        auth.setOk(true);
        auth.setTeamId(team);
        auth.setEnterpriseId(enterprise);
        auth.setEnterpriseInstall(orgWide);
        return auth;
    }

    @Test
    void aPlainWorkspace_admitsItsOwnPeople_only() {
        // GIVEN a workspace outside Enterprise Grid, learned from auth.test
        Workspace ours = Workspace.of(auth("T0HIKESHI", null, false));
        // THEN its own person is admitted; another team, an organisation's request, a Slack Connect visitor are not
        assertTrue(ours.admits(from("T0HIKESHI", null, "T0HIKESHI")));
        assertTrue(ours.admits(from("T0HIKESHI", null, null)), "commands and events do not say the user's team");
        assertFalse(ours.admits(from("T0ELSEWHERE", null, "T0ELSEWHERE")));
        assertFalse(ours.admits(from("T0HIKESHI", "E0SOMEORG", "T0HIKESHI")));
        assertFalse(ours.admits(from("T0HIKESHI", null, "T0PARTNER")));
        assertFalse(ours.admits(from(null, null, null)), "a request that names no workspace");
    }

    @Test
    void anOrganisationWideInstall_admitsEveryWorkspaceOfTheOrganisation_andNoOther() {
        // GIVEN an app installed across organisation E0HIKESHI (auth.test: is_enterprise_install)
        Workspace org = Workspace.of(auth("T0HIKESHI", "E0HIKESHI", true));
        // THEN any of its workspaces is admitted, another organisation is not
        assertEquals(new Workspace(null, "E0HIKESHI"), org);
        assertTrue(org.admits(from("T0TOKYO", "E0HIKESHI", "E0HIKESHI")));
        assertFalse(org.admits(from("T0TOKYO", "E0ELSEWHERE", "E0ELSEWHERE")));
        assertFalse(org.admits(from("T0TOKYO", null, null)));
    }

    @Test
    void withoutAnAnswerFromAuthTest_noWorkspaceIsKnown_andNothingIsAdmitted() {
        // GIVEN auth.test failed WHEN the workspace is asked for THEN it cannot be made up
        AuthTestResponse failed = new AuthTestResponse();
        failed.setOk(false);
        assertThrows(IllegalStateException.class, () -> Workspace.of(failed));
        assertThrows(IllegalStateException.class, () -> Workspace.of(null));
        assertThrows(IllegalArgumentException.class, () -> new Workspace(null, null));
    }
}
