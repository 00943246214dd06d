package io.hikeshi.slack.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.i18n.Messages;
import java.util.Objects;

/**
 * Slack work done after the 3-second answer (see {@link io.hikeshi.core.task.TaskQueue}).
 * Every kind is safe to run twice: publishing, updating and pin recording are idempotent; a
 * repeated post is the accepted cost of at-least-once delivery.
 *
 * @param locale the language tag of the person the task speaks to; null: look it up
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
        /** Redraw the response guide of {@code incident} in message {@code channel}/{@code ts} from the ticks recorded. */
        REFRESH_GUIDE,
        /** Post {@code text} to {@code channel} for everyone. */
        POST,
        /** Show {@code text} to {@code user} only, in {@code channel}. */
        EPHEMERAL
    }

    public SlackTask {
        Objects.requireNonNull(kind, "kind");
    }

    public static SlackTask publishHome(String user) {
        return new SlackTask(Kind.PUBLISH_HOME, user, null, null, null, null, null);
    }

    public static SlackTask recordPin(String pinnedBy, String channel, String ts) {
        return new SlackTask(Kind.RECORD_PIN, pinnedBy, channel, ts, null, null, null);
    }

    public static SlackTask announce(String user, String channel, String incident, String text, Messages m) {
        return new SlackTask(Kind.ANNOUNCE, user, channel, null, incident, text, tag(m));
    }

    public static SlackTask refreshCard(String user, String channel, String ts, String incident, Messages m) {
        return new SlackTask(Kind.REFRESH_CARD, user, channel, ts, incident, null, tag(m));
    }

    /** @param m the team's language: everyone in the war room sees the guide */
    public static SlackTask refreshGuide(String user, String channel, String ts, String incident, Messages m) {
        return new SlackTask(Kind.REFRESH_GUIDE, user, channel, ts, incident, null, tag(m));
    }

    /** {@code text} for everyone in the channel, or only for {@code user} there. */
    public static SlackTask say(boolean toEveryone, String user, String channel, String incident, String text, Messages m) {
        return new SlackTask(toEveryone ? Kind.POST : Kind.EPHEMERAL, user, channel, null, incident, text, tag(m));
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

    private static String tag(Messages m) {
        return m.locale().toLanguageTag();
    }
}
