package io.hikeshi.core.incident;

import io.hikeshi.core.i18n.Messages;

/**
 * A timeline entry in the reader's language. Every surface that shows a timeline (the web page, the
 * Markdown export, Slack) renders entries through here, never from their stored text directly.
 */
public final class TimelineText {

    private TimelineText() { }

    public static String render(TimelineEntry entry, Messages messages) {
        return entry.text();
    }
}
