package io.hikeshi.slackstub;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block Kit on messages (chat.postMessage, chat.update, chat.postEphemeral), refused as Slack refuses it. */
class StrictBlockKitTest extends StrictStubTest {

    private ChatPostMessageResponse post(String blocksJson) throws Exception {
        return slack.chatPostMessage(r -> r.channel("C0WARROOM").text("fallback").blocksAsString(blocksJson));
    }

    private static String sectionOf(String text) {
        return "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + text + "\"}}";
    }

    @Test
    void postMessage_refusesFiftyOneBlocks_withSlacksSchemaMessage_andPostsNothing() throws Exception {
        // GIVEN 51 blocks, one over a message's 50
        List<LayoutBlock> blocks = new ArrayList<>(Collections.nCopies(51, divider()));

        // WHEN they are posted
        ChatPostMessageResponse refused = slack.chatPostMessage(r -> r.channel("C0WARROOM").text("x").blocks(blocks));

        // THEN Slack's invalid_blocks, its schema message in errors and (prefixed) in response_metadata
        assertRefused(refused, "invalid_blocks");
        assertEquals(List.of("no more than 50 items allowed [json-pointer:/blocks]"), refused.getErrors());
        assertEquals(List.of("[ERROR] no more than 50 items allowed [json-pointer:/blocks]"),
                refused.getResponseMetadata().getMessages());
        assertEquals(List.of("blocks.message_max_50"), refusedBy());
        // AND nothing was posted
        assertTrue(stub.messages("C0WARROOM").isEmpty());

        // AND exactly 50 go
        ChatPostMessageResponse fifty = slack.chatPostMessage(r -> r.channel("C0WARROOM").text("x").blocks(blocks.subList(0, 50)));
        assertTrue(fifty.isOk(), fifty.getError());
        assertEquals(1, stub.messages("C0WARROOM").size());
    }

    @Test
    void postMessage_sectionText_3000CharactersGo_3001AreRefused_countingCharactersNotUtf16Units() throws Exception {
        // GIVEN 3000 fire emoji (6000 UTF-16 units, 3000 characters) in a section: at the limit
        ChatPostMessageResponse atLimit = slack.chatPostMessage(r -> r.channel("C0WARROOM").text("x")
                .blocks(List.of(section(s -> s.text(markdownText(repeat("🔥", 3000)))))));
        assertTrue(atLimit.isOk(), atLimit.getError());

        // WHEN one more character is posted
        ChatPostMessageResponse refused = post("[" + sectionOf(repeat("火", 3001)) + "]");

        // THEN refused, the text object's anyOf first, then its text
        assertRefused(refused, "invalid_blocks");
        assertEquals(List.of("failed to match all allowed schemas [json-pointer:/blocks/0/text]",
                "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"), refused.getErrors());
        assertEquals(List.of("blocks.section_text_3000"), refusedBy());
        assertEquals(1, stub.messages("C0WARROOM").size(), "only the message at the limit was posted");
    }

    @Test
    void postMessage_sectionFields_atMostTenOfAtMost2000Characters() throws Exception {
        StringBuilder eleven = new StringBuilder("[{\"type\":\"section\",\"fields\":[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"type\":\"mrkdwn\",\"text\":\"*f").append(i).append("*\"}");
        }
        ChatPostMessageResponse tooMany = post(eleven.append("]}]").toString());
        assertRefused(tooMany, "invalid_blocks");
        assertEquals(List.of("no more than 10 items allowed [json-pointer:/blocks/0/fields]"), tooMany.getErrors());

        ChatPostMessageResponse tooLong = post("[{\"type\":\"section\",\"fields\":[{\"type\":\"plain_text\",\"text\":\"ok\"},"
                + "{\"type\":\"mrkdwn\",\"text\":\"" + repeat("a", 2001) + "\"}]}]");
        assertRefused(tooLong, "invalid_blocks");
        assertEquals("must be less than 2001 characters [json-pointer:/blocks/0/fields/1/text]", tooLong.getErrors().get(1));
        assertEquals(List.of("blocks.section_fields_10", "blocks.section_field_2000"), refusedBy());
    }

    @Test
    void postMessage_headerOver150_contextOver10Elements_areRefused() throws Exception {
        ChatPostMessageResponse header = post("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\""
                + repeat("h", 151) + "\"}}]");
        assertRefused(header, "invalid_blocks");
        assertEquals("must be less than 151 characters [json-pointer:/blocks/0/text/text]", header.getErrors().get(1));

        ChatPostMessageResponse mrkdwnHeader = post("[{\"type\":\"header\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*h*\"}}]");
        assertRefused(mrkdwnHeader, "invalid_blocks");
        assertEquals(List.of("failed to match all allowed schemas [json-pointer:/blocks/0/text]"), mrkdwnHeader.getErrors());

        StringBuilder context = new StringBuilder("[{\"type\":\"context\",\"elements\":[");
        for (int i = 0; i < 11; i++) {
            context.append(i == 0 ? "" : ",").append("{\"type\":\"plain_text\",\"text\":\"c\"}");
        }
        ChatPostMessageResponse contextRefused = post(context.append("]}]").toString());
        assertRefused(contextRefused, "invalid_blocks");
        assertEquals(List.of("no more than 10 items allowed [json-pointer:/blocks/0/elements]"), contextRefused.getErrors());

        assertEquals(List.of("blocks.header_text_150", "blocks.text_object_type", "blocks.context_elements_10"), refusedBy());
    }

    @Test
    void postMessage_buttonLimits_areEachReported_inOneRefusal() throws Exception {
        // GIVEN one actions block whose button breaks five limits at once
        String blocks = "[{\"type\":\"actions\",\"block_id\":\"" + repeat("b", 256) + "\",\"elements\":[{\"type\":\"button\","
                + "\"action_id\":\"" + repeat("a", 256) + "\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + repeat("t", 76)
                + "\"},\"value\":\"" + repeat("v", 2001) + "\",\"url\":\"https://example.com/" + repeat("u", 2981) + "\"}]}]";

        // WHEN posted
        ChatPostMessageResponse refused = post(blocks);

        // THEN each breach is named, as Slack lists every schema error it finds
        assertRefused(refused, "invalid_blocks");
        assertEquals(List.of(
                "must be less than 256 characters [json-pointer:/blocks/0/block_id]",
                "must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]",
                "failed to match all allowed schemas [json-pointer:/blocks/0/elements/0/text]",
                "must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]",
                "must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]",
                "must be less than 3001 characters [json-pointer:/blocks/0/elements/0/url]"), refused.getErrors());
        assertEquals(List.of("blocks.block_id_255", "blocks.action_id_255", "blocks.button_text_75",
                "blocks.button_value_2000", "blocks.button_url_3000"), refusedBy());

        // AND a button at every limit goes
        ChatPostMessageResponse atLimits = slack.chatPostMessage(r -> r.channel("C0WARROOM").text("x").blocks(List.of(
                actions(a -> a.blockId(repeat("b", 255)).elements(List.of(button(b -> b.actionId(repeat("a", 255))
                        .text(plainText(repeat("t", 75))).value(repeat("v", 2000)))))))));
        assertTrue(atLimits.isOk(), atLimits.getError());
    }

    @Test
    void postMessage_selectMenus_optionsAndPlaceholder() throws Exception {
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            options.append(i == 0 ? "" : ",").append("{\"text\":{\"type\":\"plain_text\",\"text\":\"o").append(i)
                    .append("\"},\"value\":\"v").append(i).append("\"}");
        }
        ChatPostMessageResponse tooMany = post("[{\"type\":\"actions\",\"elements\":[{\"type\":\"static_select\","
                + "\"action_id\":\"sev\",\"options\":[" + options + "]}]}]");
        assertRefused(tooMany, "invalid_blocks");
        assertEquals(List.of("no more than 100 items allowed [json-pointer:/blocks/0/elements/0/options]"), tooMany.getErrors());

        ChatPostMessageResponse badOption = post("[{\"type\":\"actions\",\"elements\":[{\"type\":\"static_select\","
                + "\"placeholder\":{\"type\":\"plain_text\",\"text\":\"" + repeat("p", 151) + "\"},"
                + "\"options\":[{\"text\":{\"type\":\"plain_text\",\"text\":\"" + repeat("o", 76) + "\"},"
                + "\"value\":\"" + repeat("v", 151) + "\"}]}]}]");
        assertRefused(badOption, "invalid_blocks");
        assertEquals(List.of(
                "failed to match all allowed schemas [json-pointer:/blocks/0/elements/0/placeholder]",
                "must be less than 151 characters [json-pointer:/blocks/0/elements/0/placeholder/text]",
                "failed to match all allowed schemas [json-pointer:/blocks/0/elements/0/options/0/text]",
                "must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]",
                "must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]"),
                badOption.getErrors());
        assertEquals(List.of("blocks.select_options_100", "blocks.placeholder_150", "blocks.option_text_75",
                "blocks.option_value_150"), refusedBy());
    }

    @Test
    void postMessage_checkboxes_takeAtMostTenOptions() throws Exception {
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            options.append(i == 0 ? "" : ",").append("{\"text\":{\"type\":\"mrkdwn\",\"text\":\"*step* ").append(i)
                    .append("\"},\"value\":\"v").append(i).append("\"}");
        }
        String eleven = "[{\"type\":\"actions\",\"elements\":[{\"type\":\"checkboxes\",\"action_id\":\"steps\","
                + "\"options\":[" + options + "]}]}]";
        ChatPostMessageResponse tooMany = post(eleven);
        assertRefused(tooMany, "invalid_blocks");
        assertEquals(List.of("no more than 10 items allowed [json-pointer:/blocks/0/elements/0/options]"), tooMany.getErrors());
        assertEquals(List.of("blocks.checkboxes_options_10"), refusedBy());

        assertTrue(post(eleven.replace(",{\"text\":{\"type\":\"mrkdwn\",\"text\":\"*step* 10\"},\"value\":\"v10\"}", ""))
                .isOk(), "ten are fine, in mrkdwn too");
    }

    @Test
    void postMessage_unknownTypes_missingFields_andInputBlocks_areRefused() throws Exception {
        ChatPostMessageResponse typo = post("[{\"type\":\"sectoin\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"x\"}}]");
        assertRefused(typo, "invalid_blocks");
        assertEquals(List.of("failed to match all allowed schemas [json-pointer:/blocks/0]"), typo.getErrors());

        ChatPostMessageResponse element = post("[{\"type\":\"actions\",\"elements\":[{\"type\":\"plain_text_input\","
                + "\"action_id\":\"x\"}]}]"); // an input element where actions take none
        assertRefused(element, "invalid_blocks");
        assertEquals(List.of("failed to match all allowed schemas [json-pointer:/blocks/0/elements/0]"), element.getErrors());

        ChatPostMessageResponse missing = post("[{\"type\":\"divider\"},{\"type\":\"section\",\"block_id\":\"s\"}]");
        assertRefused(missing, "invalid_blocks");
        assertEquals(List.of("missing required field: text [json-pointer:/blocks/1]"), missing.getErrors());

        ChatPostMessageResponse input = post("[{\"type\":\"input\",\"label\":{\"type\":\"plain_text\",\"text\":\"Title\"},"
                + "\"element\":{\"type\":\"plain_text_input\",\"action_id\":\"title\"}}]");
        assertRefused(input, "invalid_blocks");

        ChatPostMessageResponse empty = post("[{\"type\":\"section\",\"text\":{\"type\":\"plain_text\",\"text\":\"\"}}]");
        assertRefused(empty, "invalid_blocks");
        assertEquals("must be more than 0 characters [json-pointer:/blocks/0/text/text]", empty.getErrors().get(1));

        ChatPostMessageResponse notJson = post("[{\"type\":\"section\"");
        assertRefused(notJson, "invalid_blocks_format");

        assertEquals(List.of("blocks.unknown_type", "blocks.unknown_type", "blocks.required_field",
                "blocks.input_only_in_views", "blocks.text_object_1_3000", "blocks.format"), refusedBy());
        assertTrue(stub.messages("C0WARROOM").isEmpty(), "nothing refused was posted");
    }

    @Test
    void chatUpdate_andPostEphemeral_refuseBadBlocks_inTheirOwnShape_andChangeNothing() throws Exception {
        // GIVEN a card posted in the war room
        ChatPostMessageResponse card = slack.chatPostMessage(r -> r.channel("C0WARROOM").text("INC-0042 card")
                .blocks(List.of(section(s -> s.text(markdownText("*INC-0042*"))))));
        assertTrue(card.isOk(), card.getError());

        // WHEN it is redrawn with 51 blocks
        List<LayoutBlock> tooMany = new ArrayList<>(Collections.nCopies(51, divider()));
        ChatUpdateResponse update = slack.chatUpdate(r -> r.channel("C0WARROOM").ts(card.getTs()).text("redrawn").blocks(tooMany));

        // THEN refused with response_metadata (chat.update's answer has no "errors"), and the card is unchanged
        assertRefused(update, "invalid_blocks");
        assertEquals(List.of("[ERROR] no more than 50 items allowed [json-pointer:/blocks]"),
                update.getResponseMetadata().getMessages());
        assertEquals("INC-0042 card", stub.messages("C0WARROOM").get(0).text());

        // AND an ephemeral with the same blocks is refused with the bare error
        ChatPostEphemeralResponse ephemeral = slack.chatPostEphemeral(r -> r.channel("C0WARROOM").user("U0ALICE")
                .text("only you").blocks(tooMany));
        assertRefused(ephemeral, "invalid_blocks");
        assertEquals(List.of("blocks.message_max_50", "blocks.message_max_50"), refusedBy());
    }

    @Test
    void messageBlocksBreaches_holdACommandsAnswerToTheSameRules_withoutACall() {
        String fiftyOne = "[" + String.join(",", java.util.Collections.nCopies(51,
                "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"x\"}}")) + "]";
        String longSection = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "🔥".repeat(3001) + "\"}}]";

        assertEquals(List.of("blocks.message_max_50: no more than 50 items allowed [json-pointer:/blocks]"),
                SlackApiStub.messageBlocksBreaches(fiftyOne));
        assertEquals(List.of("blocks.section_text_3000: failed to match all allowed schemas [json-pointer:/blocks/0/text]",
                "blocks.section_text_3000: must be less than 3001 characters [json-pointer:/blocks/0/text/text]"),
                SlackApiStub.messageBlocksBreaches(longSection));
        assertEquals(List.of(), SlackApiStub.messageBlocksBreaches("[]"));
        assertTrue(stub.calls().isEmpty());
    }
}
