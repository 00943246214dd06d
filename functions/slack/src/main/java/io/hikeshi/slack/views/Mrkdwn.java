package io.hikeshi.slack.views;

/** Slack's mrkdwn: what people typed shown as text, and people mentioned. */
public final class Mrkdwn {

    private Mrkdwn() { }

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
    public static String actor(String actor) {
        return isUserId(actor) ? "<@" + actor + ">" : escape(actor == null ? "?" : actor);
    }

    /** A mention of a Slack user id, or {@code none} when there is nobody. */
    public static String mention(String user, String none) {
        return user == null ? none : "<@" + user + ">";
    }
}
