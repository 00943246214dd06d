package io.hikeshi.slack.views;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What Slack accepts, in one place: each limit Hikeshi's messages, views, topics and bookmarks meet, named and
 * cited, and the one way content is made to fit. Whatever people or alarms wrote (a 5,000-character service name, a
 * 3,000-character status update full of emoji, sixty open incidents) is cut <em>visibly</em>, ending in "…", so a
 * Slack call never fails for its size; the record (DynamoDB) keeps it whole, and the web page shows it whole.
 *
 * <p>Slack counts characters, not UTF-16 units: an emoji or a kanji is one ({@link #length}). A cut never splits a
 * character, an emoji sequence (ZWJ, skin tone, flag) or, in mrkdwn, an escape ({@code &amp;}) or a {@code <…>}
 * token (a mention, a link).
 *
 * <p>Sources: https://docs.slack.dev/reference/block-kit/blocks (and each block's and element's page),
 * https://docs.slack.dev/reference/views/modal-views, and each Web API method's reference page, as quoted below.
 */
public final class SlackLimits {

    private SlackLimits() { }

    /** What ends a cut text: Slack shows it, so the reader knows there is more. */
    public static final String ELLIPSIS = "…";

    // ---- Block Kit: surfaces (https://docs.slack.dev/reference/block-kit/blocks) ----

    /** "You can include up to 50 blocks in each message, and 100 blocks in modals or Home tabs." */
    public static final int MESSAGE_BLOCKS = 50;
    /** (the same sentence) */
    public static final int VIEW_BLOCKS = 100;

    // ---- Block Kit: blocks ----

    /** Section: "Maximum length for the text in this field is 3000 characters." */
    public static final int SECTION_TEXT = 3000;
    /** Header: "Maximum length for the text in this field is 150 characters." */
    public static final int HEADER_TEXT = 150;
    /** Text object: "The minimum length is 1 and maximum length is 3000 characters." (context elements too) */
    public static final int TEXT_OBJECT = 3000;
    /** Actions: "There is a maximum of 25 elements in each action block." */
    public static final int ACTIONS_ELEMENTS = 25;

    // ---- Block Kit: elements and composition objects ----

    /** Button text: "Maximum length for the text in this field is 75 characters." */
    public static final int BUTTON_TEXT = 75;
    /** Button value: "Maximum length is 2000 characters." */
    public static final int BUTTON_VALUE = 2000;
    /** Option text: "Maximum length for the text in this field is 75 characters." */
    public static final int OPTION_TEXT = 75;
    /** Option value: "Maximum length for this field is 150 characters." */
    public static final int OPTION_VALUE = 150;
    /** Select menu: "Maximum number of options is 100." */
    public static final int SELECT_OPTIONS = 100;
    /** Select placeholder: "Maximum length for the text in this field is 150 characters." */
    public static final int PLACEHOLDER = 150;
    /** Input block label (and hint): "Maximum length for the text in this field is 2000 characters." */
    public static final int INPUT_LABEL = 2000;
    /** Plain-text input max_length: "Acceptable values for this field are between 1 and 3000, inclusive." */
    public static final int PLAIN_TEXT_INPUT = 3000;

    /**
     * views.open, views.publish …: "view_too_large: Error returned if the provided view is greater than 250kb"
     * (https://docs.slack.dev/reference/methods/views.open), counted here as 250,000 bytes of the view's JSON.
     */
    public static final int VIEW_JSON_BYTES = 250_000;
    /**
     * The most bytes one character (as Slack counts them) takes in the view's JSON as the Slack SDK writes it: its
     * JSON escapes {@code & < > = '} as six bytes ({@code \u0026}); any other character is at most four (UTF-8).
     */
    public static final int JSON_BYTES_PER_CHARACTER = 6;

    // ---- Modals (https://docs.slack.dev/reference/views/modal-views) ----

    /** title: "Must be a plain_text text element with a max length of 24 characters." */
    public static final int MODAL_TITLE = 24;
    /** submit and close: "Max length of 24 characters." */
    public static final int MODAL_BUTTON = 24;
    /** private_metadata: "Max length of 3000 characters." */
    public static final int PRIVATE_METADATA = 3000;

    // ---- Messages ----

    /**
     * chat.postMessage, chat.postEphemeral, command answers: Slack truncates a text over 40,000 characters
     * (https://api.slack.com/changelog/2018-04-truncating-really-long-messages); Hikeshi cuts it first, visibly.
     */
    public static final int MESSAGE_TEXT = 40_000;
    /** chat.update: "msg_too_long: Message text is too long. The `text` field cannot exceed 4,000 characters." */
    public static final int UPDATE_TEXT = 4_000;

    // ---- Channels and bookmarks ----

    /** conversations.setTopic: "too_long: Topic was longer than 250 characters." */
    public static final int TOPIC = 250;
    /** bookmarks.add: title "maxLength 256". */
    public static final int BOOKMARK_TITLE = 256;
    /** bookmarks.add: link "maxLength 2048" (a longer link cannot be cut: it is left out). */
    public static final int BOOKMARK_LINK = 2048;

    // ---- Hikeshi's own budgets inside those limits (a layout choice, not Slack's) ----

    /**
     * A service name is shown in at most this many characters wherever it shares a line with other facts (card,
     * list, Home tab, topic, announcements), so an alarm's 5,000-character service tag leaves the commander visible.
     */
    public static final int SERVICE_SHOWN = 80;

    // ---- measuring and cutting ----

    /** Characters as Slack counts them (code points); 0 for null. */
    public static int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    /** Plain text in at most {@code max} characters: itself, or its start and "…". Null stays null. */
    public static String cut(String text, int max) {
        if (text == null || length(text) <= max) {
            return text;
        }
        return text.substring(0, boundaryWithin(text, max - 1)) + ELLIPSIS;
    }

    /**
     * mrkdwn in at most {@code max} characters, cut like {@link #cut} and never inside an escape ({@code &lt;}) or
     * a {@code <…>} token ({@code <@U0BOB>}, {@code <#C0123>}, a link): a half-token would show as garbage.
     */
    public static String cutMrkdwn(String text, int max) {
        if (text == null || length(text) <= max) {
            return text;
        }
        int end = boundaryWithin(text, max - 1);
        String kept = text.substring(0, end);
        int amp = kept.lastIndexOf('&');
        if (amp >= 0 && kept.indexOf(';', amp) < 0) {
            end = amp;
        }
        int open = end == 0 ? -1 : text.lastIndexOf('<', end - 1);
        int close = open < 0 ? -1 : text.indexOf('>', open);
        if (open >= 0 && (close < 0 || close >= end)) {
            end = open;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    /**
     * Items in at most {@code max} places: all of them, or the first {@code max - 1} and, last, what {@code more}
     * makes of how many were left out ("…and 12 more").
     */
    public static <T> List<T> fit(List<T> items, int max, IntFunction<T> more) {
        if (items.size() <= max) {
            return items;
        }
        List<T> kept = new ArrayList<>(items.subList(0, max - 1));
        kept.add(more.apply(items.size() - (max - 1)));
        return kept;
    }

    /**
     * Lines packed into as few texts of at most {@code maxChars} as they fill (joined by newlines, in order), at most
     * {@code maxTexts} of them: a line longer than a whole text is cut; lines that do not fit in {@code maxTexts}
     * are left out and the last text ends with {@code more} of how many ("…and 12 more").
     */
    public static List<String> pack(List<String> lines, int maxChars, int maxTexts, IntFunction<String> more) {
        List<String> texts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = cutMrkdwn(lines.get(i), maxChars);
            int needed = length(line) + (current.isEmpty() ? 0 : 1);
            if (!current.isEmpty() && length(current.toString()) + needed > maxChars) {
                if (texts.size() == maxTexts - 1) {
                    return finish(texts, current, lines.size() - i, maxChars, more);
                }
                texts.add(current.toString());
                current.setLength(0);
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(line);
        }
        if (!current.isEmpty()) {
            texts.add(current.toString());
        }
        return texts;
    }

    /** The last text, with room made for saying how many lines were left out. */
    private static List<String> finish(List<String> texts, StringBuilder current, int left, int maxChars,
                                       IntFunction<String> more) {
        String note = more.apply(left);
        List<String> lines = new ArrayList<>(List.of(current.toString().split("\n", -1)));
        int dropped = left;
        while (lines.size() > 1 && length(String.join("\n", lines)) + 1 + length(note) > maxChars) {
            lines.remove(lines.size() - 1);
            dropped++;
            note = more.apply(dropped);
        }
        texts.add(cutMrkdwn(String.join("\n", lines), maxChars - 1 - length(note)) + "\n" + note);
        return texts;
    }

    /** The index (UTF-16) after at most {@code chars} characters, on a grapheme boundary. */
    private static int boundaryWithin(String text, int chars) {
        if (chars <= 0) {
            return 0;
        }
        int limit = text.offsetByCodePoints(0, Math.min(chars, length(text)));
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        int boundary = graphemes.preceding(limit + 1);
        return boundary == BreakIterator.DONE ? 0 : boundary;
    }
}
