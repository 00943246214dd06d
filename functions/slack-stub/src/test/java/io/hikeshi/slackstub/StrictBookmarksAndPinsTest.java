package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.response.bookmarks.BookmarksAddResponse;
import com.slack.api.methods.response.pins.PinsAddResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bookmarks.add (link, emoji, title) and pins.add (the message exists, once). */
class StrictBookmarksAndPinsTest extends StrictStubTest {

    private BookmarksAddResponse bookmark(String title, String link, String emoji) throws Exception {
        return slack.bookmarksAdd(r -> r.channelId("C0WARROOM").title(title).type("link").link(link).emoji(emoji));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://runbooks.example.com/payment-api", "runbooks.example.com/payment-api",
            "javascript:alert(1)", "https://", "see the wiki"})
    void bookmarksAdd_refusesLinksThatAreNotHttpUrls_andAddsNothing(String link) throws Exception {
        BookmarksAddResponse refused = bookmark("Runbook", link, ":book:");
        assertRefused(refused, "invalid_link");
        assertTrue(stub.bookmarks("C0WARROOM").isEmpty());
        assertEquals(List.of("bookmarks.add.invalid_link"), refusedBy());
    }

    @Test
    void bookmarksAdd_takesHttpAndHttpsLinks_withOrWithoutAnEmoji() throws Exception {
        assertTrue(bookmark("Runbook", "https://runbooks.example.com/payment-api", ":book:").isOk());
        assertTrue(bookmark("Dashboard", "http://grafana.internal:3000/d/payment", null).isOk());
        assertTrue(bookmark("Incident", "https://hikeshi.example.com/incidents/INC-0042", "fire").isOk());
        assertEquals(List.of("Runbook", "Dashboard", "Incident"), stub.bookmarks("C0WARROOM"));
    }

    @Test
    void bookmarksAdd_refusesAnEmojiThatIsNotAnEmojiName_andATitleOver256Characters() throws Exception {
        assertRefused(bookmark("Runbook", "https://runbooks.example.com", "📕 Runbook"), "invalid_emoji");

        BookmarksAddResponse title = bookmark(repeat("t", 257), "https://runbooks.example.com", null);
        assertRefused(title, "invalid_arguments");
        assertEquals(List.of("[ERROR] must be less than 257 characters [json-pointer:/title]"),
                title.getResponseMetadata().getMessages());

        assertTrue(bookmark(repeat("t", 256), "https://runbooks.example.com", null).isOk());
        assertEquals(List.of("bookmarks.add.invalid_emoji", "bookmarks.add.arguments"), refusedBy());
        assertEquals(1, stub.bookmarks("C0WARROOM").size());
    }

    @Test
    void pinsAdd_pinsAPostedCardOnce_thenAnswersAlreadyPinned() throws Exception {
        String card = slack.chatPostMessage(r -> r.channel("C0WARROOM").text("INC-0042 card")).getTs();

        PinsAddResponse pinned = slack.pinsAdd(r -> r.channel("C0WARROOM").timestamp(card));
        assertTrue(pinned.isOk(), pinned.getError());
        assertEquals(List.of(card), stub.pins("C0WARROOM"));

        // a retried pin is not a no-op in Slack
        assertRefused(slack.pinsAdd(r -> r.channel("C0WARROOM").timestamp(card)), "already_pinned");
        assertEquals(List.of("pins.add.already_pinned"), refusedBy());
    }

    @Test
    void pinsAdd_ofAMessageThatDoesNotExist_orInAnotherChannel_orWithoutATimestamp_isRefused() throws Exception {
        String card = slack.chatPostMessage(r -> r.channel("C0WARROOM").text("INC-0042 card")).getTs();

        assertRefused(slack.pinsAdd(r -> r.channel("C0WARROOM").timestamp("1795403567.999900")), "message_not_found");
        assertRefused(slack.pinsAdd(r -> r.channel("C0GENERAL").timestamp(card)), "message_not_found");
        assertRefused(slack.pinsAdd(r -> r.channel("C0WARROOM")), "no_item_specified");
        assertTrue(stub.pins("C0WARROOM").isEmpty());
        assertEquals(List.of("pins.add.message_not_found", "pins.add.message_not_found", "pins.add.no_item_specified"),
                refusedBy());
    }

    @Test
    void pinsAdd_ofAPersonsMessage_thatTheBotReadOrATestAdded_isPinned() throws Exception {
        // GIVEN a responder's message the bot read through history (the 📌 reaction flow), and one a test added
        String read = slack.conversationsHistory(r -> r.channel("C0WARROOM").latest("1795403600.000200")
                .inclusive(true).limit(1)).getMessages().get(0).getTs();
        stub.addMessage("C0WARROOM", "1795403601.000300", "U0BOB", "Deployed the fix");

        assertTrue(slack.pinsAdd(r -> r.channel("C0WARROOM").timestamp(read)).isOk());
        assertTrue(slack.pinsAdd(r -> r.channel("C0WARROOM").timestamp("1795403601.000300")).isOk());
        assertEquals(List.of("1795403600.000200", "1795403601.000300"), stub.pins("C0WARROOM"));
    }

    @Test
    void aPersonsMessage_readByItsTs_isTheOneInTheChannel_thenItCanBePinned() throws Exception {
        stub.addMessage("C0WARROOM", "1795403700.000100", "U0KENJI", "決済 API を v1.42.0 に戻しました 🔥");

        var read = slack.conversationsHistory(r -> r.channel("C0WARROOM").latest("1795403700.000100").inclusive(true).limit(1));

        assertTrue(read.isOk(), read.getError());
        assertEquals("決済 API を v1.42.0 に戻しました 🔥", read.getMessages().get(0).getText());
        assertEquals("U0KENJI", read.getMessages().get(0).getUser());
        assertTrue(slack.pinsAdd(r -> r.channel("C0WARROOM").timestamp("1795403700.000100")).isOk());
    }
}
