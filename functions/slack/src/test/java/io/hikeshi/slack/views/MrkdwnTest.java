package io.hikeshi.slack.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.i18n.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalogue words for mrkdwn: what others wrote is shown as text, what Hikeshi marks up stays markup. */
class MrkdwnTest {

    private static final String HOSTILE = "<!channel> <https://evil.example/login|Reset your SSO password> & <@U0ADMIN>";
    private static final String SHOWN = "&lt;!channel&gt; &lt;https://evil.example/login|Reset your SSO password&gt; "
            + "&amp; &lt;@U0ADMIN&gt;";
    private final Messages m = Messages.of(Messages.ENGLISH);

    @Test
    void escape_writesOnlyAmpersandAndAngleBracketsAsEntities() {
        // GIVEN text with mrkdwn's three control characters, and mrkdwn's formatting marks
        // WHEN it is escaped
        // THEN only &, < and > change (Slack's rule), in that order, so nothing is escaped twice
        assertEquals(SHOWN, Mrkdwn.escape(HOSTILE));
        assertEquals("*bold* _it_ ~s~ `c`", Mrkdwn.escape("*bold* _it_ ~s~ `c`"));
        assertEquals("&amp;lt;", Mrkdwn.escape("&lt;"));
        assertNull(Mrkdwn.escape(null));
    }

    @Test
    void text_escapesEveryParameter_onceAndOnlyOnce() {
        // GIVEN a catalogue sentence whose parameters are a hostile title and a status update
        // WHEN it is rendered for mrkdwn
        String text = Mrkdwn.text(m, "broadcast.update", "INC-0042", "mitigated", HOSTILE);

        // THEN the parameter is shown as text, and the catalogue's own markup is kept
        assertEquals(":memo: *INC-0042* [mitigated] " + SHOWN, text);
    }

    @Test
    void text_keepsTheMentionsHikeshiBuilds_andEscapesTheWordForNobody() {
        // GIVEN a commander (a mention Hikeshi builds) and a topic whose service is hostile
        // WHEN the topic's words are rendered
        String topic = Mrkdwn.text(m, "warroom.topic", "SEV1", "triggered", HOSTILE, Mrkdwn.mention("U0ALICE", "-"));
        String nobody = Mrkdwn.text(m, "warroom.topic", "SEV1", "triggered", "api", Mrkdwn.mention(null, "<nobody>"));

        // THEN the commander is still a mention; the service cannot mention anyone
        assertEquals("SEV1 · triggered · " + SHOWN + " · commander: <@U0ALICE>", topic);
        assertEquals("SEV1 · triggered · api · commander: &lt;nobody&gt;", nobody);
    }

    @Test
    void text_rendersARefusalsReason_withItsParametersEscaped_andNumbersAsDigits() {
        // GIVEN a refusal's reason whose parameters came from outside, and a number
        Text reason = Text.of("refusal.incident.unknown", HOSTILE);

        // WHEN they are put into catalogue words
        String already = Mrkdwn.text(m, "already", "INC-0042", reason);
        String tooLong = Mrkdwn.text(m, "too.long", 3001, 3000);

        // THEN the reason's own words stay, its parameter is shown as text; numbers are plain digits
        assertEquals("INC-0042: There is no incident " + SHOWN + ".", already);
        assertEquals("That is 3001 characters; the limit is 3000.", tooLong);
    }

    @Test
    void text_escapesEachItemOfAList() {
        // GIVEN a list parameter with a hostile item
        // WHEN it is rendered
        String text = Mrkdwn.text(m, "pm.missing", List.of("impact", "<!here>"));

        // THEN every item is shown as text
        assertEquals("Still missing: impact, &lt;!here&gt;", text);
    }

    @Test
    void bold_marksAnIdUp_andEscapesWhatItIsGiven() {
        // GIVEN an id and a hostile word
        // WHEN each is put in bold
        // THEN the id is bold; the word is bold text, never a link
        assertEquals("*INC-0042*", Mrkdwn.bold("INC-0042").toString());
        assertEquals("*&lt;!channel&gt;*", Mrkdwn.bold("<!channel>").toString());
    }
}
