package io.hikeshi.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemChecklist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every catalogue key the code names exists, in Japanese and in English: a missing one would show its
 * key to a person. Reads the main sources of every module of the build (Java and templates) and
 * checks each key given as a literal where words are asked for: {@code m.get("…")} on anything
 * declared a {@code Messages}, {@code Text.of("…")}, {@code new Refusal("…")} and the {@code super("…")}
 * of a Refusal's subclasses. A key built from a prefix ({@code "status." + …}) is checked for every
 * value the prefix can take, listed below; a prefix not listed there fails this test until it is.
 */
class CatalogueKeysInCodeTest {

    /** Each prefix keys are built from, and what follows it. */
    private static final Map<String, List<String>> PREFIXES = Map.of(
            "status.", lowerCaseNames(Status.values()),
            "pm.status.", lowerCaseNames(Postmortem.Status.values()),
            "pm.check.section.", lowerCaseNames(Postmortem.Section.values()),
            "pm.type.", lowerCaseNames(io.hikeshi.core.postmortem.ActionItem.Type.values()),
            "pm.check.", everyChecklistKey(),
            "access.action.", lowerCaseNames(io.hikeshi.core.access.ActionPolicy.Action.values()));

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** A name declared a Messages: a field, a parameter, a local, a method returning one (or a template's @param). */
    private static final Pattern MESSAGES_NAME = Pattern.compile("(?m)\\bMessages\\s+(\\w+)\\s*(?:[;=,)(]|$)");
    private static final Pattern REFUSAL_SUBCLASS = Pattern.compile("class\\s+(\\w+)\\s+extends\\s+(\\w+)");

    private static Path root;
    private static List<Path> sources;

    @BeforeAll
    static void readTheBuild() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("functions/core/pom.xml"))) {
            root = root.getParent();
        }
        assertNotNull(root, "the build's root (with functions/core) above " + Path.of("").toAbsolutePath());
        sources = new ArrayList<>();
        Matcher modules = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (modules.find()) {
            Path main = root.resolve(modules.group(1)).resolve("src/main");
            if (Files.isDirectory(main)) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().matches(".*\\.(java|jte|kte)$")).forEach(sources::add);
                }
            }
        }
    }

    @Test
    void everyKeyNamedInCode_existsInJapaneseAndEnglish() {
        // GIVEN every key the main sources name where words are asked for
        Set<String> refusals = refusalClasses();
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Path source : sources) {
            String code = withoutComments(read(source));
            for (Use use : uses(code, refusals)) {
                checked++;
                // WHEN looked up in both languages
                for (String key : use.keys()) {
                    // THEN each exists in both
                    if (!exists(key)) {
                        unknown.add(root.relativize(source) + ": " + key);
                    }
                }
            }
        }
        assertTrue(unknown.isEmpty(), () -> "keys the catalogue lacks: " + unknown);
        assertTrue(checked > 100, "the sources were read: " + checked + " uses of the catalogue");
    }

    @Test
    void theScan_findsKeysInEachWayCodeNamesThem() {
        // GIVEN code naming keys in each of the ways the scan reads
        String code = """
                class Nope extends Refusal { Nope() { super("refusal.nope"); } }
                class Sample {
                    Messages m;
                    String s(boolean ok, Status status) {
                        new Refusal("refusal.other", x);
                        return m.get(ok ? "pm.ok" : "pm.todo") + m.get("status." + status) + Text.of("a.b", "not a key")
                                + m.get(switch (status) { case RESOLVED -> "c.d"; default -> "e.f"; }) + other.get("no.key");
                    }
                }
                """;

        // WHEN scanned
        List<String> keys = uses(code, Set.of("Refusal", "Nope")).stream().flatMap(u -> u.keys().stream()).toList();

        // THEN every key is found, the prefix expanded, and nothing else taken for a key
        List<String> expected = new ArrayList<>(List.of("refusal.nope", "refusal.other", "pm.ok", "pm.todo"));
        PREFIXES.get("status.").forEach(s -> expected.add("status." + s));
        expected.addAll(List.of("a.b", "c.d", "e.f"));
        assertEquals(expected, keys);
    }

    @Test
    void aKeyBuiltFromAnUnlistedPrefix_isReported() {
        // GIVEN a key built from a prefix the table does not know
        // WHEN scanned
        List<String> keys = uses("class A { Messages m; String s() { return m.get(\"web.word.\" + x); } }", Set.of())
                .stream().flatMap(u -> u.keys().stream()).toList();

        // THEN it is reported as a key no catalogue has, so the table must learn it
        assertEquals(1, keys.size());
        assertFalse(exists(keys.get(0)), keys.get(0));
    }

    // ---- reading code ----

    /** Keys named by one use of the catalogue. */
    private record Use(List<String> keys) { }

    private static List<Use> uses(String code, Set<String> refusals) {
        List<String> openers = new ArrayList<>(List.of("\\bText\\.of\\(", "\\bnew\\s+Refusal\\("));
        Set<String> names = new TreeSet<>();
        MESSAGES_NAME.matcher(code).results().forEach(r -> names.add(r.group(1)));
        for (String name : names) {
            openers.add("(?<![\\w$])" + name + "(?:\\(\\))?\\.get\\(");
        }
        if (declaresRefusal(code, refusals)) {
            openers.add("\\bsuper\\(");
        }
        List<int[]> found = new ArrayList<>();
        for (String opener : openers) {
            Matcher m = Pattern.compile(opener).matcher(code);
            while (m.find()) {
                found.add(new int[] {m.start(), m.end()});
            }
        }
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        return found.stream().map(at -> new Use(keys(firstArgument(code, at[1])))).filter(u -> !u.keys().isEmpty()).toList();
    }

    /**
     * The keys an argument names: each literal is a key, unless it is joined to something with {@code +}:
     * before a {@code +} it is a prefix (expanded from {@link #PREFIXES}), after one a piece of a key built
     * elsewhere. Nested calls' arguments are not keys.
     */
    private static List<String> keys(String argument) {
        List<String> keys = new ArrayList<>();
        String outer = withoutNestedArguments(argument);
        Matcher literal = LITERAL.matcher(outer);
        while (literal.find()) {
            String value = literal.group(1);
            boolean prefix = outer.substring(literal.end()).stripLeading().startsWith("+");
            boolean suffix = outer.substring(0, literal.start()).stripTrailing().endsWith("+");
            if (prefix) {
                PREFIXES.getOrDefault(value, List.of("<a key built from the unlisted prefix \"" + value + "\">"))
                        .forEach(rest -> keys.add(rest.startsWith("<") ? rest : value + rest));
            } else if (!suffix) {
                keys.add(value);
            }
        }
        return keys;
    }

    /** The text of the call's first argument, from just after its opening parenthesis. */
    private static String firstArgument(String code, int from) {
        int depth = 0;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                i = endOfLiteral(code, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) {
                    return code.substring(from, i);
                }
            } else if (c == ',' && depth == 0) {
                return code.substring(from, i);
            }
        }
        return code.substring(from);
    }

    /** An argument with what is inside its nested calls' parentheses blanked (a switch's arms stay). */
    private static String withoutNestedArguments(String argument) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '"') {
                int end = endOfLiteral(argument, i);
                out.append(depth == 0 ? argument.substring(i, end + 1) : " ");
                i = end;
            } else if (c == '(') {
                depth++;
                out.append(c);
            } else if (c == ')') {
                depth--;
                out.append(c);
            } else {
                out.append(depth == 0 ? c : ' ');
            }
        }
        return out.toString();
    }

    private static int endOfLiteral(String code, int quote) {
        if (code.startsWith("\"\"\"", quote)) {
            int end = code.indexOf("\"\"\"", quote + 3);
            return end < 0 ? code.length() - 1 : end + 2;
        }
        for (int i = quote + 1; i < code.length(); i++) {
            if (code.charAt(i) == '\\') {
                i++;
            } else if (code.charAt(i) == '"') {
                return i;
            }
        }
        return code.length() - 1;
    }

    /**
     * The code with its comments and character literals blanked, so an example in a comment is not
     * taken for a use and a {@code '"'} does not open a string.
     */
    private static String withoutComments(String code) {
        StringBuilder out = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            int charLiteral = charLiteralLength(code, i);
            if (charLiteral > 0) {
                out.append("' '");
                i += charLiteral - 1;
            } else if (code.charAt(i) == '"') {
                int end = endOfLiteral(code, i);
                out.append(code, i, end + 1);
                i = end;
            } else if (code.startsWith("//", i)) {
                int end = code.indexOf('\n', i);
                i = (end < 0 ? code.length() : end) - 1;
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? code.length() : end + 1;
            } else {
                out.append(code.charAt(i));
            }
        }
        return out.toString();
    }

    /** The length of a character literal ({@code 'x'}, {@code '\\x'}) starting at {@code i}, else 0. */
    private static int charLiteralLength(String code, int i) {
        if (code.charAt(i) != '\'') {
            return 0;
        }
        if (i + 2 < code.length() && code.charAt(i + 1) != '\\' && code.charAt(i + 2) == '\'') {
            return 3;
        }
        return i + 3 < code.length() && code.charAt(i + 1) == '\\' && code.charAt(i + 3) == '\'' ? 4 : 0;
    }

    /** Refusal and its subclasses, by simple name, from every source file. */
    private static Set<String> refusalClasses() {
        Set<String> refusals = new HashSet<>(Set.of("Refusal"));
        Map<String, String> superclass = new HashMap<>();
        for (Path source : sources) {
            REFUSAL_SUBCLASS.matcher(read(source)).results().forEach(r -> superclass.put(r.group(1), r.group(2)));
        }
        int before;
        do {
            before = refusals.size();
            superclass.forEach((type, parent) -> {
                if (refusals.contains(parent)) {
                    refusals.add(type);
                }
            });
        } while (refusals.size() > before);
        return refusals;
    }

    private static boolean declaresRefusal(String code, Set<String> refusals) {
        return REFUSAL_SUBCLASS.matcher(code).results().anyMatch(r -> refusals.contains(r.group(2)));
    }

    // ---- the catalogue ----

    private static boolean exists(String key) {
        return Messages.of(Messages.JAPANESE).has(key) && Messages.of(Messages.ENGLISH).has(key);
    }

    private static List<String> lowerCaseNames(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** Every key the checklist can report: from a postmortem with nothing in it, and one with an unassigned item. */
    private static List<String> everyChecklistKey() {
        Postmortem empty = new Postmortem(new IncidentId(1), "t", null, List.of(), null, null, null, null, null, null,
                null, null, List.of(), null, null, null, null, null, 0);
        Postmortem unassigned = empty.withActionItems(List.of(
                new ActionItem("a", "d", ActionItem.Type.OTHER, null, null, null, false)));
        return Stream.of(empty, unassigned).flatMap(pm -> PostmortemChecklist.missing(pm).stream())
                .map(PostmortemChecklist.Missing::key).distinct().toList();
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
