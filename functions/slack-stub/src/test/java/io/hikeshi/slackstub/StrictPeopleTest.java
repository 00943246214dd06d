package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import com.slack.api.model.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who someone is and where: users.info's guest flags, conversations.members page by page, and auth.test's
 * enterprise, as Slack answers them (https://docs.slack.dev/reference/methods/conversations.members,
 * https://docs.slack.dev/reference/objects/user-object, https://docs.slack.dev/reference/methods/auth.test).
 */
class StrictPeopleTest extends StrictStubTest {

    @Override
    protected SlackApiStub.Builder stubBuilder() {
        return super.stubBuilder()
                .guest("U0GUEST", false)
                .guest("U0VISITOR", true)
                .channel("C0SECRET", "security-private", true, false)
                .enterprise("E0HIKESHI");
    }

    @Test
    void usersInfo_saysWhoIsAGuest_andWhichKind() throws Exception {
        // WHEN a member, a multi-channel guest and a single-channel guest are looked up
        User member = slack.usersInfo(r -> r.user("U0ALICE")).getUser();
        User guest = slack.usersInfo(r -> r.user("U0GUEST")).getUser();
        User visitor = slack.usersInfo(r -> r.user("U0VISITOR")).getUser();
        // THEN the flags say so, as Slack's user object does
        assertFalse(member.isRestricted());
        assertFalse(member.isUltraRestricted());
        assertTrue(guest.isRestricted());
        assertFalse(guest.isUltraRestricted());
        assertTrue(visitor.isRestricted());
        assertTrue(visitor.isUltraRestricted());
    }

    @Test
    void conversationsMembers_listsTheBotAndThePeopleInTheChannel_pageByPage() throws Exception {
        // GIVEN three people in the war room
        slack.conversationsInvite(r -> r.channel("C0WARROOM").users(List.of("U0ALICE", "U0BOB")));
        stub.join("C0WARROOM", "U0CAROL");
        // WHEN the members are read two at a time
        List<String> everyone = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String from = cursor;
            ConversationsMembersResponse page = slack.conversationsMembers(r -> r.channel("C0WARROOM").limit(2).cursor(from));
            assertTrue(page.isOk(), page.getError());
            everyone.addAll(page.getMembers());
            cursor = page.getResponseMetadata().getNextCursor();
            pages++;
        } while (cursor != null && !cursor.isEmpty());
        // THEN every one of them is listed once, the bot first, over two pages
        assertEquals(List.of("U0BOT", "U0ALICE", "U0BOB", "U0CAROL"), everyone);
        assertEquals(2, pages);
    }

    @Test
    void conversationsMembers_ofAChannelTheBotCannotSee_orWithABadLimitOrCursor_isRefused() throws Exception {
        // WHEN the bot asks for a private channel it is not in, nonsense limits and a forged cursor
        // THEN Slack's errors come back
        assertRefused(slack.conversationsMembers(r -> r.channel("C0SECRET")), "channel_not_found");
        assertRefused(slack.conversationsMembers(r -> r.channel("C0WARROOM").limit(1001)), "invalid_limit");
        assertRefused(slack.conversationsMembers(r -> r.channel("C0WARROOM").cursor("not-a-cursor")), "invalid_cursor");
    }

    @Test
    void authTest_namesTheEnterprise_whenTheWorkspaceIsInOne() throws Exception {
        var auth = slack.authTest(r -> r);
        assertEquals(SlackApiStub.TEAM_ID, auth.getTeamId());
        assertEquals("E0HIKESHI", auth.getEnterpriseId());
    }

    @Test
    void authTest_namesNoEnterprise_forAPlainWorkspace() throws Exception {
        try (SlackApiStub plain = SlackApiStub.strict()) {
            var config = new com.slack.api.SlackConfig();
            config.setMethodsEndpointUrlPrefix(plain.methodsUrlPrefix());
            var auth = com.slack.api.Slack.getInstance(config).methods("xoxb-test").authTest(r -> r);
            assertTrue(auth.isOk());
            assertNull(auth.getEnterpriseId());
        }
    }
}
