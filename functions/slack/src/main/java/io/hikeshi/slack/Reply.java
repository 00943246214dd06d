package io.hikeshi.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** What a command answers: text or blocks, for the person who typed it or for the whole channel. */
public record Reply(String text, List<LayoutBlock> blocks, boolean inChannel) {

    public static Reply privately(String text) {
        return new Reply(text, null, false);
    }

    public static Reply privately(String text, List<LayoutBlock> blocks) {
        return new Reply(text, blocks, false);
    }

    public static Reply toChannel(String text) {
        return new Reply(text, null, true);
    }

    /** A modal was opened: nothing to say. */
    public static Reply none() {
        return new Reply(null, null, false);
    }

    public boolean isEmpty() {
        return text == null && blocks == null;
    }
}
