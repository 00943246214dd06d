package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.response.chat.ChatPostEphemeralResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message text: truncated past 40,000 characters on post, refused past 4,000 on update, required at all. */
class StrictMessagesTest extends StrictStubTest {

    @Test
    void postMessage_over40000Characters_isTruncatedAndPosted_withSlacksWarning() throws Exception {
        // GIVEN a status update pasting a 40,001-character log
        String log = repeat("あ", 40_001);

        // WHEN it is posted
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel("C0WARROOM").text(log));

        // THEN Slack posts the first 40,000 characters and says so: not a refusal
        assertTrue(posted.isOk(), posted.getError());
        assertEquals("message_truncated", posted.getWarning());
        assertEquals(List.of("[WARN] Your message was truncated but still posted. The `text` field accepts up to"
                + " 40,000 characters."), posted.getResponseMetadata().getMessages());
        assertEquals(40_000, posted.getMessage().getText().length());
        assertEquals(40_000, stub.messages("C0WARROOM").get(0).text().length());
        assertEquals(List.of("chat.text_truncated_40000"), stub.enforcements().stream().map(e -> e.rule().id()).toList());
        assertTrue(stub.refusals().isEmpty(), "a truncation is not a refusal");

        // AND 40,000 exactly go untouched
        ChatPostMessageResponse exact = slack.chatPostMessage(r -> r.channel("C0WARROOM").text(repeat("a", 40_000)));
        assertNull(exact.getWarning());
    }

    @Test
    void postEphemeral_over40000Characters_isTruncated_withTheWarningOnly() throws Exception {
        ChatPostEphemeralResponse ephemeral = slack.chatPostEphemeral(r -> r.channel("C0WARROOM").user("U0ALICE")
                .text(repeat("x", 40_001)));
        assertTrue(ephemeral.isOk(), ephemeral.getError());
        assertEquals("message_truncated", ephemeral.getWarning());
    }

    @Test
    void chatUpdate_over4000Characters_isRefused_msgTooLong_andTheMessageStaysAsItWas() throws Exception {
        // GIVEN the incident card
        String ts = slack.chatPostMessage(r -> r.channel("C0WARROOM").text("INC-0042 investigating")).getTs();

        // WHEN it is redrawn with 4,001 characters of text
        ChatUpdateResponse refused = slack.chatUpdate(r -> r.channel("C0WARROOM").ts(ts).text(repeat("u", 4_001)));

        // THEN msg_too_long, and the card still says what it said
        assertRefused(refused, "msg_too_long");
        assertEquals("INC-0042 investigating", stub.messages("C0WARROOM").get(0).text());

        // AND 4,000 go
        ChatUpdateResponse fits = slack.chatUpdate(r -> r.channel("C0WARROOM").ts(ts).text(repeat("u", 4_000)));
        assertTrue(fits.isOk(), fits.getError());
        assertEquals(4_000, stub.messages("C0WARROOM").get(0).text().length());
        assertEquals(List.of("chat.update.text_4000"), refusedBy());
    }

    @Test
    void chatUpdate_ofAMessageThatDoesNotExist_orInAnArchivedChannel_isRefused() throws Exception {
        ChatUpdateResponse missing = slack.chatUpdate(r -> r.channel("C0WARROOM").ts("1795403567.999900").text("x"));
        assertRefused(missing, "message_not_found");

        String ts = slack.chatPostMessage(r -> r.channel("C0INCIDENTS").text("INC-0042 declared")).getTs();
        stub.archive("C0INCIDENTS");
        ChatUpdateResponse archived = slack.chatUpdate(r -> r.channel("C0INCIDENTS").ts(ts).text("resolved"));
        assertRefused(archived, "is_inactive");
        assertEquals("INC-0042 declared", stub.messages("C0INCIDENTS").get(0).text());
        assertEquals(List.of("chat.update.message_not_found", "chat.update.is_inactive"), refusedBy());
    }

    @Test
    void aMessageWithoutTextBlocksOrAttachments_isRefused_noText() throws Exception {
        ChatPostMessageResponse empty = slack.chatPostMessage(r -> r.channel("C0WARROOM").text(""));
        assertRefused(empty, "no_text");
        assertFalse(stub.messages("C0WARROOM").iterator().hasNext());
        assertEquals(List.of("chat.no_text"), refusedBy());
    }
}
