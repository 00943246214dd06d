package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.methods.response.conversations.ConversationsInviteResponse;
import com.slack.api.methods.response.conversations.ConversationsJoinResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who is where: the bot's membership (not_in_channel), archived channels (is_archived), channels that do not exist
 * or are private to others (channel_not_found), and people who do not exist (user_not_found).
 */
class StrictMembershipTest extends StrictStubTest {

    @Override
    protected SlackApiStub.Builder stubBuilder() {
        return super.stubBuilder()
                .channel("C0RANDOM", "random", false, false) // public, the bot not in it
                .channel("C0SECRET", "security-private", true, false) // private, the bot not in it
                .user("U0SATO", "sato");
    }

    @Test
    void fixtures_theWarRoomGeneralAndIncidentChannels_haveTheBot_andTheUsualPeopleExist() throws Exception {
        for (String channel : List.of("C0WARROOM", "C0GENERAL", "C0INCIDENTS")) {
            ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel(channel).text("hello"));
            assertTrue(posted.isOk(), channel + ": " + posted.getError());
            assertTrue(slack.conversationsInfo(r -> r.channel(channel)).getChannel().isMember());
        }
        for (String user : List.of("U0ALICE", "U0BOB", "U0BOT", "U0SATO")) {
            UsersInfoResponse info = slack.usersInfo(r -> r.user(user).includeLocale(true));
            assertTrue(info.isOk(), user + ": " + info.getError());
            assertEquals(user, info.getUser().getId());
        }
        assertEquals("alice", slack.usersInfo(r -> r.user("U0ALICE")).getUser().getName());
    }

    @Test
    void usersInfo_ofSomeoneWhoIsNotInTheWorkspace_isUserNotFound() throws Exception {
        UsersInfoResponse gone = slack.usersInfo(r -> r.user("U0GONE"));
        assertRefused(gone, "user_not_found");
        assertEquals(List.of("user.not_found"), refusedBy());
    }

    @Test
    void postMessage_toAPublicChannelWithoutTheBot_goesWithChatWritePublic_butEphemeralsAndTopicsNeedMembership()
            throws Exception {
        // GIVEN #random, which the bot is not in; Hikeshi's manifest grants chat:write.public
        assertTrue(slack.chatPostMessage(r -> r.channel("C0RANDOM").text("INC-0042 declared")).isOk());

        // WHEN it posts an ephemeral, sets the topic, invites someone or reads history there
        ChatPostEphemeralResponse ephemeral = slack.chatPostEphemeral(r -> r.channel("C0RANDOM").user("U0ALICE").text("x"));

        // THEN not_in_channel each time, and nothing changed
        assertRefused(ephemeral, "not_in_channel");
        assertRefused(slack.conversationsSetTopic(r -> r.channel("C0RANDOM").topic("SEV1")), "not_in_channel");
        assertRefused(slack.conversationsInvite(r -> r.channel("C0RANDOM").users(List.of("U0ALICE"))), "not_in_channel");
        assertRefused(slack.conversationsHistory(r -> r.channel("C0RANDOM").limit(1)), "not_in_channel");
        assertEquals("", stub.topic("C0RANDOM"));
        assertTrue(stub.members("C0RANDOM").isEmpty());
        assertEquals(4, refusedBy().size());
        assertTrue(refusedBy().stream().allMatch("channel.not_in_channel"::equals));

        // AND once it joins, all of that works
        ConversationsJoinResponse joined = slack.conversationsJoin(r -> r.channel("C0RANDOM"));
        assertTrue(joined.isOk(), joined.getError());
        assertTrue(stub.botIsMember("C0RANDOM"));
        assertTrue(slack.conversationsSetTopic(r -> r.channel("C0RANDOM").topic("SEV1")).isOk());
    }

    @Test
    void postMessage_withoutChatWritePublic_toAChannelWithoutTheBot_isNotInChannel() throws Exception {
        try (SlackApiStub scoped = SlackApiStub.builder().strictness(Strictness.SLACK).clock(clock).withoutRateLimits()
                .withoutChatWritePublic().channel("C0RANDOM", "random", false, false).start()) {
            com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
            config.setMethodsEndpointUrlPrefix(scoped.methodsUrlPrefix());
            try (com.slack.api.Slack sdk = com.slack.api.Slack.getInstance(config)) {
                ChatPostMessageResponse refused = sdk.methods("xoxb-test")
                        .chatPostMessage(r -> r.channel("C0RANDOM").text("INC-0042 declared"));
                assertRefused(refused, "not_in_channel");
                assertTrue(scoped.messages("C0RANDOM").isEmpty());
            }
        }
    }

    @Test
    void aPrivateChannelTheBotIsNotIn_andAChannelThatDoesNotExist_areChannelNotFound() throws Exception {
        assertRefused(slack.chatPostMessage(r -> r.channel("C0SECRET").text("x")), "channel_not_found");
        assertRefused(slack.conversationsInfo(r -> r.channel("C0SECRET")), "channel_not_found");
        assertRefused(slack.conversationsJoin(r -> r.channel("C0SECRET")), "channel_not_found");
        assertRefused(slack.chatPostMessage(r -> r.channel("C0NOWHERE").text("x")), "channel_not_found");
        assertRefused(slack.conversationsSetTopic(r -> r.channel("C0NOWHERE").topic("x")), "channel_not_found");
        assertFalse(slack.conversationsList(r -> r).getChannels().stream().anyMatch(c -> c.getId().equals("C0SECRET")));
        assertTrue(refusedBy().stream().allMatch("channel.not_found"::equals));
    }

    @Test
    void anArchivedChannel_refusesPostsTopicsInvitesAndJoins_isArchived() throws Exception {
        // GIVEN last week's war room, archived
        String id = slack.conversationsCreate(r -> r.name("inc-0041-login-errors")).getChannel().getId();
        stub.archive(id);

        // THEN everything that would change it is refused, and nothing changes
        assertRefused(slack.chatPostMessage(r -> r.channel(id).text("reminder")), "is_archived");
        assertRefused(slack.chatPostEphemeral(r -> r.channel(id).user("U0ALICE").text("x")), "is_archived");
        assertRefused(slack.conversationsSetTopic(r -> r.channel(id).topic("resolved")), "is_archived");
        assertRefused(slack.conversationsSetPurpose(r -> r.channel(id).purpose("resolved")), "is_archived");
        assertRefused(slack.conversationsInvite(r -> r.channel(id).users(List.of("U0BOB"))), "is_archived");
        assertRefused(slack.conversationsJoin(r -> r.channel(id)), "is_archived");
        assertTrue(stub.messages(id).isEmpty());
        assertTrue(stub.members(id).isEmpty());
        ConversationsInfoResponse info = slack.conversationsInfo(r -> r.channel(id));
        assertTrue(info.getChannel().isArchived());
        assertTrue(refusedBy().stream().allMatch("channel.is_archived"::equals));
    }

    @Test
    void invite_refusesUnknownPeople_theBotItself_andPeopleAlreadyIn_namingEachOne() throws Exception {
        // GIVEN a new war room
        String id = slack.conversationsCreate(r -> r.name("inc-0043-checkout")).getChannel().getId();

        // WHEN the responders are invited, one of whom has left the company
        ConversationsInviteResponse unknown = slack.conversationsInvite(r -> r.channel(id)
                .users(List.of("U0ALICE", "U0GONE", "U0BOB")));

        // THEN user_not_found for the whole invite, naming who, and nobody was invited
        assertRefused(unknown, "user_not_found");
        assertEquals(1, unknown.getErrors().size());
        assertEquals("U0GONE", unknown.getErrors().get(0).getUser());
        assertEquals("user_not_found", unknown.getErrors().get(0).getError());
        assertTrue(stub.members(id).isEmpty());

        // AND with force, the valid ones are invited and the unknown one reported
        ConversationsInviteResponse forced = slack.conversationsInvite(r -> r.channel(id)
                .users(List.of("U0ALICE", "U0GONE", "U0BOB")).force(true));
        assertTrue(forced.isOk(), forced.getError());
        assertEquals(List.of("U0ALICE", "U0BOB"), stub.members(id));

        // AND inviting them again, or the bot, is refused
        assertRefused(slack.conversationsInvite(r -> r.channel(id).users(List.of("U0ALICE"))), "already_in_channel");
        assertRefused(slack.conversationsInvite(r -> r.channel(id).users(List.of("U0BOT"))), "cant_invite_self");
        assertRefused(slack.conversationsInvite(r -> r.channel(id).users(List.of())), "no_user");
        assertEquals(List.of("user.not_found", "conversations.invite.already_in_channel",
                "conversations.invite.cant_invite_self", "conversations.invite.no_user"), refusedBy());
    }

    @Test
    void history_ofAChannelTheBotIsIn_answersAsTheLenientStubDoes() throws Exception {
        ConversationsHistoryResponse history = slack.conversationsHistory(r -> r.channel("C0WARROOM")
                .latest("1795403600.000200").inclusive(true).limit(1));
        assertTrue(history.isOk(), history.getError());
        assertEquals(SlackApiStub.HISTORY_TEXT, history.getMessages().get(0).getText());
    }
}
