package io.hikeshi.slack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * Slack work done after the 3-second answer (see {@link io.hikeshi.core.task.TaskQueue}).
 * Every kind is safe to run twice: publishing, updating and pin recording are idempotent; a
 * repeated post is the accepted cost of at-least-once delivery.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlackTask(Kind kind, String user, String channel, String ts, String incident, String text, String locale) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind {
        /** Publish the App Home tab of {@code user}. */
        PUBLISH_HOME,
        /** Put the message {@code channel}/{@code ts} on its war room's incident timeline (pinned by {@code user}). */
        RECORD_PIN,
        /** Post {@code text} and the card of {@code incident} to {@code channel}. */
        ANNOUNCE,
        /** Redraw the card of {@code incident} in message {@code channel}/{@code ts}. */
        REFRESH_CARD,
        /** Post {@code text} to {@code channel} for everyone. */
        POST,
        /** Show {@code text} to {@code user} only, in {@code channel}. */
        EPHEMERAL
    }

    public SlackTask {
        Objects.requireNonNull(kind, "kind");
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SlackTask fromJson(String json) {
        try {
            return JSON.readValue(json, SlackTask.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Slack task: " + e.getOriginalMessage(), e);
        }
    }
}
