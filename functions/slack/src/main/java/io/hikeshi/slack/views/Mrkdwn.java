package io.hikeshi.slack.views;

/** Slack's mrkdwn: what people typed shown as text, and people mentioned. */
public final class Mrkdwn {

    private Mrkdwn() { }

    /** Slack mrkdwn treats &, < and > specially: user text must not become a link or a mention. */
    public static String escape(String text) {
        return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A mention of a Slack user id, or {@code none} when there is nobody. */
    public static String mention(String user, String none) {
        return user == null ? none : "<@" + user + ">";
    }
}
