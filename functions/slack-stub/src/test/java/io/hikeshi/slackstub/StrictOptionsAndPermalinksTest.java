package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An external select's options answer (what an app returns to block_suggestion) and chat.getPermalink, which needs no
 * membership but cannot see a private conversation the bot is not in.
 */
class StrictOptionsAndPermalinksTest extends StrictStubTest {

    @Override
    protected SlackApiStub.Builder stubBuilder() {
        return super.stubBuilder()
                .channel("C0RANDOM", "random", false, false) // public, the bot not in it
                .channel("C0SECRET", "security-private", true, false); // private, the bot not in it
    }

    @Test
    void optionsAnswer_ofAtMost100PlainOptions_isTaken_andOneMoreIsRefused() {
        assertEquals(List.of(), SlackApiStub.optionsAnswerBreaches(options(100)));
        assertEquals(List.of("options.answer_100: no more than 100 items allowed [json-pointer:/options]"),
                SlackApiStub.optionsAnswerBreaches(options(101)));
    }

    @Test
    void optionsAnswer_withoutOptions_orWithAnOptionOverItsLimits_isRefused() {
        assertEquals(List.of("options.answer_100: missing required field: options [json-pointer:]"),
                SlackApiStub.optionsAnswerBreaches("{}"));
        String longValue = "{\"options\":[{\"text\":{\"type\":\"plain_text\",\"text\":\"x\"},\"value\":\"" + "v".repeat(151) + "\"}]}";
        assertTrue(SlackApiStub.optionsAnswerBreaches(longValue).stream().anyMatch(b -> b.startsWith("blocks.option_value_150")),
                SlackApiStub.optionsAnswerBreaches(longValue).toString());
    }

    @Test
    void permalink_ofAMessageInAPublicChannelWithoutTheBot_isGiven_butNotInAPrivateOneItCannotSee() throws Exception {
        var inPublic = slack.chatGetPermalink(r -> r.channel("C0RANDOM").messageTs("1795403580.001900"));
        assertTrue(inPublic.isOk(), inPublic.getError());
        assertEquals("https://hikeshi-demo.slack.com/archives/C0RANDOM/p1795403580001900", inPublic.getPermalink());

        var inPrivate = slack.chatGetPermalink(r -> r.channel("C0SECRET").messageTs("1795403580.001900"));
        assertRefused(inPrivate, "channel_not_found");
        assertEquals(List.of("chat.getPermalink.channel_not_found"), refusedBy());
    }

    private static String options(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"text\":{\"type\":\"plain_text\",\"text\":\"svc-" + i
                + "\"},\"value\":\"svc-" + i + "\"}").collect(Collectors.joining(",", "{\"options\":[", "]}"));
    }
}
