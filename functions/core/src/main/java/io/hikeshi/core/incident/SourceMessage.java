package io.hikeshi.core.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * The chat message an incident was declared from, as the chat said it when the person chose it: the record links it
 * rather than reading it again, because the message may sit in a channel Hikeshi is not in.
 *
 * @param channel     the channel's id
 * @param channelName its name, if the chat gave one; null otherwise
 * @param ts          the message's id within the channel (Slack's {@code ts})
 * @param writtenAt   when it was written: its place on the timeline
 * @param author      who wrote it (a user or a bot id); null if unknown
 * @param permalink   a link to it, if the chat gave one; null otherwise
 */
public record SourceMessage(String channel, String channelName, String ts, Instant writtenAt, String author,
                            String permalink) {

    public SourceMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }

    /** How people name the channel: its name, else its id. */
    public String channelShown() {
        return channelName == null || channelName.isBlank() ? channel : "#" + channelName;
    }
}
