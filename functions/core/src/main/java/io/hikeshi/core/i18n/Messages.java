package io.hikeshi.core.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Hikeshi's one catalogue of words, in Japanese and English: every word a person reads comes from
 * here. It is kept in one file per area ({@link #AREAS}: resources {@code hikeshi/i18n/<area>_ja.properties}
 * and {@code _en}, UTF-8); a key lives in exactly one area, and every key exists in both languages
 * (MessagesTest).
 */
public final class Messages {

    public static final Locale JAPANESE = Locale.JAPANESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    /** The catalogue's files: Slack replies and cards first, then each area that has words of its own. */
    public static final List<String> AREAS = List.of("messages", "timeline", "postmortem", "web", "changes", "guard", "access",
            "pmclose", "cadence", "home", "declare", "pmpolicy", "roles", "private", "guide");

    private final Locale locale;
    private final List<ResourceBundle> bundles;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundles = AREAS.stream().map(area -> ResourceBundle.getBundle("hikeshi.i18n." + area, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))).toList();
    }

    /** Japanese for any {@code ja*} locale, English otherwise. */
    public static Messages of(Locale locale) {
        return new Messages("ja".equals(locale.getLanguage()) ? JAPANESE : ENGLISH);
    }

    /** Parses Slack's locale strings ({@code ja-JP}, {@code en-US}) and config values ({@code ja}, {@code en}). */
    public static Locale parseLocale(String tag) {
        return tag == null || tag.isBlank() ? ENGLISH : Locale.forLanguageTag(tag.replace('_', '-'));
    }

    public Locale locale() {
        return locale;
    }

    /** Whether the catalogue has this key (in this language). */
    public boolean has(String key) {
        return bundles.stream().anyMatch(b -> b.containsKey(key));
    }

    private String pattern(String key) {
        for (ResourceBundle bundle : bundles) {
            if (bundle.containsKey(key)) {
                return bundle.getString(key);
            }
        }
        throw new MissingResourceException("no message " + key, "Messages", key);
    }

    private Object plain(Object arg) {
        return switch (arg) {
            case Number n -> n.toString();
            case Text t -> t.render(this);
            case java.util.Collection<?> c -> String.join(", ", c.stream().map(e -> String.valueOf(plain(e))).toList());
            case null, default -> arg;
        };
    }

    /** The message with {0}-style arguments filled in; apostrophes in the text are literal. */
    public String get(String key, Object... args) {
        try {
            String pattern = pattern(key);
            // Numbers as plain digits ("3001", not "3,001"): they are limits and ids, not amounts.
            // Words inside words (a status name in a sentence, a list of them) are rendered in the same language.
            Object[] plain = java.util.Arrays.stream(args).map(this::plain).toArray();
            args = plain;
            return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''").replace("''''", "''"), locale)
                    .format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
