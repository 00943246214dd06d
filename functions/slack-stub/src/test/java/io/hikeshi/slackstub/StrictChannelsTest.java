package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.conversations.ConversationsSetPurposeResponse;
import com.slack.api.methods.response.conversations.ConversationsSetTopicResponse;
import com.slack.api.model.Conversation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Channel names for conversations.create; topic and purpose lengths. */
class StrictChannelsTest extends StrictStubTest {

    private ConversationsCreateResponse create(String name) throws Exception {
        return slack.conversationsCreate(r -> r.name(name));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                          | invalid_name_required",
            "INC-0042-payment-api                        | invalid_name_specials",
            "inc 0042 payment                            | invalid_name_specials",
            "inc-0042.payment                            | invalid_name_specials",
            "inc-0042-決済API                             | invalid_name_specials",
            "inc-0042-payment-api-🔥                     | invalid_name_specials",
            "---                                         | invalid_name_punctuation",
            "_-_                                         | invalid_name_punctuation",
            "inc-20261124-0042-payment-api-errors-and-a-timeout-storm-in-the-checkout-path-xyz | invalid_name_maxlength",
    })
    void create_refusesNamesSlackRefuses_andCreatesNothing(String name, String error) throws Exception {
        // WHEN a channel is created with the name
        ConversationsCreateResponse refused = create(name);

        // THEN Slack's error, with its description in detail
        assertRefused(refused, error);
        assertTrue(refused.getDetail() != null && refused.getDetail().startsWith("Value passed for `name`"),
                refused.getDetail());
        assertEquals(List.of("conversations.create." + error), refusedBy());

        // AND no channel came to be
        assertEquals(List.of("C0WARROOM", "C0GENERAL", "C0INCIDENTS"), stub.channelIds());
        ConversationsListResponse list = slack.conversationsList(r -> r);
        assertEquals(3, list.getChannels().size());
    }

    @Test
    void create_acceptsLowercaseNumbersHyphensUnderscores_andCaselessScripts_upTo80Characters() throws Exception {
        String eighty = "inc-20261124-0042-payment-api-errors-and-a-timeout-storm-in-the-checkout-path";
        eighty = eighty + "-".repeat(80 - eighty.length());
        for (String name : List.of("inc-20261124-0042-payment-api-errors", "inc_0043", "inc-0044-決済の遅延", eighty)) {
            ConversationsCreateResponse created = create(name);
            assertTrue(created.isOk(), name + ": " + created.getError());
            assertEquals(name, created.getChannel().getName());
            assertTrue(created.getChannel().isMember(), "the bot is in the channel it created");
            assertEquals(Optional.of(created.getChannel().getId()), stub.channelIdNamed(name));
        }
        assertTrue(stub.refusals().isEmpty());
    }

    @Test
    void create_twiceWithOneName_isNameTaken_evenWhenTheFirstIsArchived() throws Exception {
        ConversationsCreateResponse first = create("inc-0042-payment-api-errors");
        assertTrue(first.isOk(), first.getError());
        assertRefused(create("inc-0042-payment-api-errors"), "name_taken");
        assertRefused(create("general"), "name_taken");

        stub.archive(first.getChannel().getId());
        assertRefused(create("inc-0042-payment-api-errors"), "name_taken");
        assertEquals(4, stub.channelIds().size());
    }

    @Test
    void setTopic_over250Characters_isTooLong_andTheTopicStays() throws Exception {
        String topic = "🔴 SEV1 | investigating | IC: <@U0ALICE>";
        ConversationsSetTopicResponse set = slack.conversationsSetTopic(r -> r.channel("C0WARROOM").topic(topic));
        assertTrue(set.isOk(), set.getError());
        assertEquals(topic, set.getChannel().getTopic().getValue());

        ConversationsSetTopicResponse refused = slack.conversationsSetTopic(r -> r.channel("C0WARROOM")
                .topic(repeat("重", 251)));
        assertRefused(refused, "too_long");
        assertEquals(topic, stub.topic("C0WARROOM"));

        assertTrue(slack.conversationsSetTopic(r -> r.channel("C0WARROOM").topic(repeat("重", 250))).isOk());
        assertEquals(List.of("conversations.setTopic.too_long"), refusedBy());
    }

    @Test
    void setPurpose_over250Characters_isTooLong() throws Exception {
        ConversationsSetPurposeResponse refused = slack.conversationsSetPurpose(r -> r.channel("C0WARROOM")
                .purpose(repeat("p", 251)));
        assertRefused(refused, "too_long");
        assertEquals("", stub.purpose("C0WARROOM"));

        ConversationsSetPurposeResponse set = slack.conversationsSetPurpose(r -> r.channel("C0WARROOM")
                .purpose("War room for INC-0042"));
        assertTrue(set.isOk(), set.getError());
        Conversation channel = set.getChannel();
        assertEquals("War room for INC-0042", channel.getPurpose().getValue());
        assertEquals(List.of("conversations.setPurpose.too_long"), refusedBy());
    }
}
