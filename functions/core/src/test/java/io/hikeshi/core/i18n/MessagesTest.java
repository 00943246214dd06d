package io.hikeshi.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hikeshi says the same things in Japanese and English, with the same blanks to fill. */
class MessagesTest {

    /** A MessageFormat argument: {0}, {1,number} … */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)(,[^}]*)?}");

    private static Properties ja;
    private static Properties en;

    @BeforeAll
    static void load() throws IOException {
        ja = bundle("ja");
        en = bundle("en");
    }

    /** Every area's words in one language; a key in two areas is a mistake (one would hide the other). */
    private static Properties bundle(String language) throws IOException {
        Properties all = new Properties();
        for (String area : Messages.AREAS) {
            Properties p = area(area, language);
            for (String key : p.stringPropertyNames()) {
                assertFalse(all.containsKey(key), key + " is in " + area + "_" + language + " and in another area");
                all.setProperty(key, p.getProperty(key));
            }
        }
        return all;
    }

    /** One area's file in one language. */
    private static Properties area(String area, String language) throws IOException {
        String resource = "hikeshi/i18n/" + area + "_" + language + ".properties";
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static int argumentCount(String message) {
        int max = -1;
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max + 1;
    }

    // ---- the two bundles agree ----

    @Test
    void everyKey_inEitherLanguage_existsInTheOther() {
        // GIVEN the Japanese and English bundles
        Set<String> onlyJapanese = new TreeSet<>(ja.stringPropertyNames());
        onlyJapanese.removeAll(en.stringPropertyNames());
        Set<String> onlyEnglish = new TreeSet<>(en.stringPropertyNames());
        onlyEnglish.removeAll(ja.stringPropertyNames());

        // WHEN their keys are compared
        // THEN none is missing from either (a missing one would show its key to the user)
        assertTrue(onlyJapanese.isEmpty(), () -> "missing in messages_en: " + onlyJapanese);
        assertTrue(onlyEnglish.isEmpty(), () -> "missing in messages_ja: " + onlyEnglish);
        assertFalse(en.isEmpty());
    }

    @Test
    void everyArea_hasTheSameKeysInBothLanguages() throws IOException {
        // GIVEN each area's two files
        Map<String, String> differences = new TreeMap<>();
        for (String area : Messages.AREAS) {
            // WHEN their keys are compared
            Set<String> japanese = area(area, "ja").stringPropertyNames();
            Set<String> english = area(area, "en").stringPropertyNames();

            // THEN they are the same: a key is in one area, in both languages
            if (!japanese.equals(english)) {
                Set<String> onlyOne = new TreeSet<>(japanese);
                onlyOne.addAll(english);
                onlyOne.removeIf(k -> japanese.contains(k) && english.contains(k));
                differences.put(area, onlyOne.toString());
            }
        }
        assertTrue(differences.isEmpty(), () -> "keys in one language of an area only: " + differences);
    }

    @Test
    void everyKeyOfEveryArea_rendersInJapaneseAndInEnglish() {
        // GIVEN every key of every area, in either language
        Set<String> keys = new TreeSet<>(ja.stringPropertyNames());
        keys.addAll(en.stringPropertyNames());
        List<String> missing = new ArrayList<>();
        for (Locale locale : List.of(Messages.JAPANESE, Messages.ENGLISH)) {
            Messages m = Messages.of(locale);
            for (String key : keys) {
                // WHEN rendered, with a value for each of its arguments
                Properties p = locale == Messages.JAPANESE ? ja : en;
                int count = p.containsKey(key) ? argumentCount(p.getProperty(key)) : 0;
                String text = m.get(key, IntStream.range(0, count).mapToObj(i -> "x").toArray());

                // THEN it is words, never the key itself (which is what a missing message shows)
                if (!m.has(key) || text.equals(key)) {
                    missing.add(locale.getLanguage() + " " + key);
                }
            }
        }
        assertTrue(missing.isEmpty(), () -> "keys that do not render: " + missing);
        assertTrue(keys.size() > 100, "every area is loaded: " + keys.size());
    }

    @Test
    void noMessage_isBlank() {
        // GIVEN every message of both languages
        List<String> blank = new ArrayList<>();
        for (Properties p : List.of(ja, en)) {
            p.stringPropertyNames().stream().filter(k -> p.getProperty(k).isBlank())
                    .forEach(k -> blank.add((p == ja ? "ja " : "en ") + k));
        }

        // WHEN looked for blanks
        // THEN there are none
        assertTrue(blank.isEmpty(), () -> "blank messages: " + blank);
    }

    @Test
    void placeholders_areTheSameInBothLanguages() {
        // GIVEN every key present in both bundles
        Map<String, String> mismatches = new TreeMap<>();
        for (String key : en.stringPropertyNames()) {
            String japanese = ja.getProperty(key);
            if (japanese == null) {
                continue; // reported by everyKey_inEitherLanguage_existsInTheOther
            }
            // WHEN their {0}-style arguments are compared
            Set<String> inEnglish = placeholders(en.getProperty(key));
            Set<String> inJapanese = placeholders(japanese);
            if (!inEnglish.equals(inJapanese)) {
                mismatches.put(key, "en " + inEnglish + " ja " + inJapanese);
            }
        }

        // THEN they match: the same arguments are filled in whatever the reader's language
        assertTrue(mismatches.isEmpty(), () -> "placeholders differ: " + mismatches);
    }

    @Test
    void everyMessage_withEveryArgumentGiven_leavesNoBlankUnfilled() {
        // GIVEN every message in both languages, with a recognisable value for each argument
        List<String> broken = new ArrayList<>();
        for (Locale locale : List.of(Messages.JAPANESE, Messages.ENGLISH)) {
            Messages m = Messages.of(locale);
            Properties p = locale == Messages.JAPANESE ? ja : en;
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                int count = argumentCount(p.getProperty(key));
                if (count == 0) {
                    continue;
                }
                Object[] args = IntStream.range(0, count).mapToObj(i -> "«arg" + i + "»").toArray();

                // WHEN formatted
                String text = m.get(key, args);

                // THEN each value appears and no {n} is left over (an unbalanced quote or brace would leave one)
                boolean allFilled = IntStream.range(0, count).allMatch(i -> text.contains("«arg" + i + "»"));
                if (!allFilled || PLACEHOLDER.matcher(text).find()) {
                    broken.add(locale.getLanguage() + " " + key + ": " + text);
                }
            }
        }
        assertTrue(broken.isEmpty(), () -> "messages that do not format: " + broken);
    }

    // ---- how a message is filled in ----

    @Test
    void japanese_isReadAsUtf8() {
        // GIVEN the Japanese bundle (UTF-8, not ISO-8859-1 escapes)
        // WHEN a message is read through Messages
        // THEN it is the Japanese text itself
        assertEquals("*対応中のインシデント*", Messages.of(Messages.JAPANESE).get("list.header"));
        assertEquals("*Open incidents*", Messages.of(Messages.ENGLISH).get("list.header"));
    }

    @Test
    void get_numbers_arePlainDigits_notGroupedLikeAmounts() {
        // GIVEN a limit message and numbers above a thousand
        // WHEN formatted
        String english = Messages.of(Messages.ENGLISH).get("too.long", 3001, 3000);

        // THEN "3001", not "3,001"
        assertEquals("That is 3001 characters; the limit is 3000.", english);
    }

    @Test
    void get_apostrophes_areLiteral_withAndWithoutArguments() {
        // GIVEN messages with apostrophes, one with an argument and one without
        Messages m = Messages.of(Messages.ENGLISH);

        // WHEN formatted
        // THEN the apostrophes stay (MessageFormat alone would swallow them and the {0} after)
        assertEquals("I don't know `/incident frobnicate`. Try `/incident help`.", m.get("unknown.subcommand", "frobnicate"));
        assertEquals("Use lower-case letters, digits and '-' (e.g. payment-api).", m.get("error.service.invalid"));
    }

    @Test
    void get_unknownKey_answersTheKey_ratherThanFailing() {
        // GIVEN a key neither bundle has
        // WHEN asked for
        // THEN the key itself comes back, in either language
        assertEquals("no.such.key", Messages.of(Messages.JAPANESE).get("no.such.key", "x"));
        assertEquals("no.such.key", Messages.of(Messages.ENGLISH).get("no.such.key"));
    }
}
