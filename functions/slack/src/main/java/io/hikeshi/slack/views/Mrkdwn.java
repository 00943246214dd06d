package io.hikeshi.slack.views;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.i18n.Text;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Slack's mrkdwn: what people and monitors wrote shown as text, and what Hikeshi marks up itself (people mentioned, an
 * id in bold) kept as markup.
 *
 * <p>Slack reads {@code &}, {@code <} and {@code >} as control characters in every mrkdwn text (messages, section and
 * context text, a command's answer): {@code <!channel>} would notify the whole channel, {@code <https://…|label>}
 * would hide a link behind words, {@code <@U…>} would mention someone. They must be sent as {@code &amp;},
 * {@code &lt;} and {@code &gt;}, and only those three
 * (https://docs.slack.dev/messaging/formatting-message-text, "Escaping text"). plain_text (headers, buttons, options, modal
 * titles, input values) is shown as sent, so it is never escaped: there {@code &amp;} would show literally.
 */
public final class Mrkdwn {

    private Mrkdwn() { }

    /**
     * Mrkdwn Hikeshi built itself from values it knows the shape of (a Slack user id, an incident id): it goes into
     * catalogue words as it is. Never wrap what people or monitors wrote.
     */
    public record Markup(String mrkdwn) {
        @Override
        public String toString() {
            return mrkdwn;
        }
    }

    /** Slack mrkdwn treats &, < and > specially: user text must not become a link or a mention. */
    public static String escape(String text) {
        return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Slack's user ids: U… for a workspace's users, W… for an Enterprise Grid org's. */
    private static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("[UW][A-Z0-9]{2,}");

    /** Whether this is a Slack user's id, rather than, say, the name of a monitor that acted. */
    public static boolean isUserId(String id) {
        return id != null && USER_ID.matcher(id).matches();
    }

    /** Who did something: a mention of a Slack user, else the name (a monitor's) as text. */
    public static Markup actor(String actor) {
        return isUserId(actor) ? new Markup("<@" + actor + ">") : new Markup(escape(actor == null ? "?" : actor));
    }

    /** Slack's conversation ids: C… (public), G… (older private), D… (direct messages). */
    private static final java.util.regex.Pattern CHANNEL_ID = java.util.regex.Pattern.compile("[CGD][A-Z0-9]{2,}");

    /** A link to a channel by its id (Slack shows its current name); anything not shaped like one, as text. */
    public static Markup channel(String channelId) {
        return channelId != null && CHANNEL_ID.matcher(channelId).matches() ? new Markup("<#" + channelId + ">")
                : new Markup(escape(String.valueOf(channelId)));
    }

    /** A mention of a Slack user id, or {@code none} (shown as text) when there is nobody. */
    public static Markup mention(String user, String none) {
        return user == null ? new Markup(escape(none)) : new Markup("<@" + user + ">");
    }

    /**
     * A moment as Slack shows dates: in each reader's own time zone and language ("Yesterday 9:41 AM", "昨日 9:41"),
     * with the minute in UTC for clients that cannot (https://docs.slack.dev/messaging/formatting-message-text#date-formatting).
     */
    public static Markup when(java.time.Instant at) {
        return new Markup("<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|"
                + at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + ">");
    }

    /** An incident id (or another word Hikeshi chose) in bold. */
    public static Markup bold(Object word) {
        return new Markup("*" + escape(String.valueOf(word)) + "*");
    }

    /**
     * Catalogue words for a mrkdwn surface, in the reader's language: the one way Slack text with parameters is made.
     * Every parameter is shown as text (its &, < and > escaped) except {@link Markup}; a {@link Text} parameter (a
     * refusal's reason) is rendered the same way, its own parameters escaped; numbers stay plain digits.
     */
    public static String text(Messages m, String key, Object... params) {
        return m.get(key, Arrays.stream(params).map(p -> shownAsText(m, p)).toArray());
    }

    private static Object shownAsText(Messages m, Object param) {
        return switch (param) {
            case null -> null;
            case Markup markup -> markup;
            case Number number -> number;
            case Text words -> new Markup(text(m, words.key(), words.params().toArray()));
            case Collection<?> items -> new Markup(items.stream().map(item -> String.valueOf(shownAsText(m, item)))
                    .collect(Collectors.joining(", ")));
            default -> escape(param.toString());
        };
    }
}
