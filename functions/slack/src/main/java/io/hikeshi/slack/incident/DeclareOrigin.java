package io.hikeshi.slack.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Where a declare form was opened from, carried in its {@code private_metadata} (Slack keeps at most 3,000
 * characters, checked where the modal is built): the channel {@code /incident declare} was typed in, where the
 * declaration is announced; or the message a shortcut was used on, which the incident links. A message's channel is
 * never written to or read: it may be one the bot is not in.
 *
 * <p>The form opened by {@code /incident declare} carries its channel id alone, as it always has, so a form opened
 * before a deploy still submits; a message's origin is a small JSON object.
 *
 * @param announceIn  the channel to announce the incident in, or null
 * @param channel     the message's channel id, or null when not opened from a message
 * @param channelName its name as the shortcut's payload gave it, or null
 * @param ts          the message's ts
 * @param author      who wrote it (a user or bot id), or null
 */
public record DeclareOrigin(String announceIn, String channel, String channelName, String ts, String author) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack's channel ids (public C…, private G…, direct D…) and message timestamps. */
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
    private static final Pattern TS = Pattern.compile("\\d{1,12}\\.\\d{1,9}");
    /** Slack's channel names are at most 80 characters. */
    private static final int MAX_CHANNEL_NAME = 80;

    public static DeclareOrigin channel(String channel) {
        return new DeclareOrigin(channel, null, null, null, null);
    }

    /** The message a shortcut was used on; null when Slack's ids are not of their shape (then nothing is linked). */
    public static DeclareOrigin message(String channel, String channelName, String ts, String author) {
        if (channel == null || !CHANNEL_ID.matcher(channel).matches() || ts == null || !TS.matcher(ts).matches()) {
            return null;
        }
        String name = channelName == null || channelName.length() > MAX_CHANNEL_NAME ? null : channelName;
        return new DeclareOrigin(null, channel, name, ts, author);
    }

    public boolean fromMessage() {
        return channel != null;
    }

    public String toMetadata() {
        if (!fromMessage()) {
            return announceIn == null ? "" : announceIn;
        }
        ObjectNode message = JSON.createObjectNode().put("channel", channel).put("ts", ts);
        if (channelName != null) {
            message.put("name", channelName);
        }
        if (author != null) {
            message.put("author", author);
        }
        return JSON.createObjectNode().set("message", message).toString();
    }

    /** What {@link #toMetadata()} wrote; anything else (an old form, a forged one) is a channel id or nothing. */
    public static DeclareOrigin fromMetadata(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return channel(null);
        }
        if (!metadata.startsWith("{")) {
            return channel(metadata);
        }
        try {
            JsonNode message = JSON.readTree(metadata).path("message");
            DeclareOrigin origin = message(text(message, "channel"), text(message, "name"), text(message, "ts"),
                    text(message, "author"));
            return origin == null ? channel(null) : origin;
        } catch (IOException e) {
            return channel(null);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
