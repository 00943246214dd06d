package io.hikeshi.core;

/**
 * Lengths as people (and Slack) count them: characters, not UTF-16 units, so an emoji or a kanji is one; and the
 * record's own limits applied without ever splitting a character into half a surrogate pair.
 */
public final class Characters {

    private Characters() { }

    /** The number of characters (code points); 0 for null. */
    public static int count(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    /** The text if it has at most {@code max} characters, else its first {@code max - 1} and "…". Null stays null. */
    public static String clip(String text, int max) {
        if (text == null || count(text) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.max(0, max - 1))) + "…";
    }
}
