package io.hikeshi.slack.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cutting to Slack's limits: by characters as Slack counts them, visibly, never through a character or a token. */
class SlackLimitsTest {

    @Test
    void length_countsCharacters_notUtf16Units() {
        assertEquals(3, SlackLimits.length("火🔥x"));
        assertEquals(0, SlackLimits.length(null));
    }

    @Test
    void cut_keepsWhatFits_andEndsWhatDoesNotWithAnEllipsis_withinTheLimit() {
        String fits = "決済".repeat(125);
        assertSame(fits, SlackLimits.cut(fits, 250));

        String cut = SlackLimits.cut("決済".repeat(200), 250);

        assertEquals(250, SlackLimits.length(cut));
        assertTrue(cut.endsWith("…"));
        assertTrue(cut.startsWith("決済決済"));
    }

    @Test
    void cut_neverSplitsAnEmoji_norAnEmojiSequence() {
        String family = "👨‍👩‍👧‍👦"; // four people joined by ZWJ: one character on screen, seven code points
        String text = "a".repeat(8) + family + "b".repeat(20);

        String cut = SlackLimits.cut(text, 12);

        assertEquals("a".repeat(8) + "…", cut, "the sequence would not fit whole, so it is left out whole");
        assertTrue(SlackLimits.length(cut) <= 12);
        String emoji = "🔥".repeat(10);
        String cutEmoji = SlackLimits.cut(emoji, 5);
        assertEquals("🔥🔥🔥🔥…", cutEmoji);
        cutEmoji.codePoints().forEach(cp -> assertTrue(Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp)));
    }

    @Test
    void cutMrkdwn_neverLeavesHalfAnEscape_orHalfAMention() {
        assertEquals("ab…", SlackLimits.cutMrkdwn("ab&amp;cdef", 6));
        assertEquals("owner …", SlackLimits.cutMrkdwn("owner <@U0ALICE> and more", 12));
        assertEquals("x <@U0A> y…", SlackLimits.cutMrkdwn("x <@U0A> yyyyyyyy", 11));
    }

    @Test
    void fit_keepsTheFirstItems_andSaysHowManyAreLeftOut() {
        List<String> items = IntStream.rangeClosed(1, 60).mapToObj(i -> "INC-" + i).toList();

        List<String> fitted = SlackLimits.fit(items, 50, left -> "…and " + left + " more");

        assertEquals(50, fitted.size());
        assertEquals("INC-49", fitted.get(48));
        assertEquals("…and 11 more", fitted.get(49));
        assertSame(items, SlackLimits.fit(items, 60, left -> "never"));
    }

    @Test
    void pack_fillsTexts_inOrder_eachWithinTheLimit_andNotesWhatDidNotFit() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            lines.add("*INC-" + i + "* " + "🔥障害".repeat(50)); // about 160 characters each
        }

        List<String> all = SlackLimits.pack(lines, 3000, 49, left -> "…and " + left + " more");
        List<String> two = SlackLimits.pack(lines, 3000, 2, left -> "…and " + left + " more");

        assertEquals(lines, all.stream().flatMap(t -> t.lines()).toList(), "sixty lines fit in a few sections");
        all.forEach(t -> assertTrue(SlackLimits.length(t) <= 3000));
        assertEquals(2, two.size());
        two.forEach(t -> assertTrue(SlackLimits.length(t) <= 3000));
        String note = two.get(1).lines().reduce((a, b) -> b).orElseThrow();
        int shown = (int) two.stream().flatMap(String::lines).filter(l -> l.startsWith("*INC-")).count();
        assertEquals("…and " + (60 - shown) + " more", note);
    }

    @Test
    void pack_cutsALineLongerThanAWholeText() {
        List<String> texts = SlackLimits.pack(List.of("x".repeat(5000), "short"), 3000, 10, left -> "more");

        assertEquals(2, texts.size());
        assertEquals(3000, SlackLimits.length(texts.get(0)));
        assertTrue(texts.get(0).endsWith("…"));
        assertEquals("short", texts.get(1));
    }
}
