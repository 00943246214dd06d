package io.hikeshi.web;

import io.hikeshi.core.testkit.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every page speaks its reader's language only: a Japanese page has no English word of ours, an
 * English page no Japanese. What people wrote (titles, services, action items) and what other parts
 * render (timeline entries, the postmortem's Markdown) are theirs, and left out of the count.
 */
class PageLanguageTest {

    /** Noon in Tokyo on Tuesday 2026-11-24: every time here is from it. */
    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** What people wrote: left out before the words are counted. */
    private static final List<String> DATA = List.of("決済が失敗する", "<script>alert(1)</script>", "穴埋め", "payment-api",
            "checkout", "filler", "U0ALICE", "U0BOB", "inc-20261124-0001-payment", "ロールバック手順を見直す", "監視を追加する",
            "yesterday", "sleeping");

    /**
     * Latin letters a Japanese page may show: abbreviations and names that are the same in both
     * languages (and the unit symbol "min", which the figures' tests pin on both pages).
     */
    private static final Set<String> SAME_IN_BOTH = Set.of("ID", "MTTA", "MTTR", "min", "JSON", "CSV", "JST", "SEV", "INC",
            "W", "Hikeshi", "Slack");

    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]+");
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]+");

    private final MovableClock clock = new MovableClock(T0);
    private final Storage storage = InMemoryStorage.create().ports();
    private final IncidentService incidents = new IncidentService(storage, clock);
    private final SignedLinks links = new SignedLinks("test-web-signing-key-123", clock);
    private final IncidentBrowser browser = new IncidentBrowser(storage, clock, TOKYO);
    private final WebApp open = new WebApp(browser, null);
    private final WebApp signInRequired = new WebApp(browser, links);

    @BeforeEach
    void seed() {
        // An incident with most of what a page can show: a war room, a postmortem with an overdue action
        // item and an unassigned one; a second whose title is markup; then enough others for a second page.
        Incident first = declare("決済が失敗する", Severity.SEV2, "payment-api");
        storage.warRooms().recordChannel(first.id(), "inc-20261124-0001-payment", "C0WARROOM");
        clock.advance(Duration.ofMinutes(4));
        incidents.acknowledge(first.id(), "U0BOB");
        clock.advance(Duration.ofMinutes(30));
        incidents.changeStatus(first.id(), Status.RESOLVED, "U0BOB");
        storage.postmortems().save(new Postmortem(first.id(), first.title(), LocalDate.of(2026, 11, 24), List.of("U0BOB"),
                "U0BOB", LocalDate.of(2026, 12, 3), "決済が失敗する", null, null, null, null, null, List.of(
                        new ActionItem("a1", "ロールバック手順を見直す", ActionItem.Type.PREVENT, "U0BOB", LocalDate.of(2026, 11, 20), null, false),
                        new ActionItem("a2", "監視を追加する", ActionItem.Type.MITIGATE, null, null, null, false)),
                null, null, null, null, null, 0));
        declare("<script>alert(1)</script>", Severity.SEV1, "checkout");
        for (int i = 0; i < 50; i++) {
            declare("穴埋め", Severity.SEV4, "filler");
        }
    }

    @Test
    void japanesePages_showNoEnglishWordOfOurs() {
        // GIVEN every page, and every refusal, in Japanese (the default)
        Map<String, String> pages = everyPage(Map.of());

        // WHEN the words on them are read, leaving out what people wrote
        Map<String, Set<String>> english = new LinkedHashMap<>();
        pages.forEach((page, html) -> {
            Set<String> found = new TreeSet<>();
            Matcher word = LATIN_WORD.matcher(visibleWords(html));
            while (word.find()) {
                if (!SAME_IN_BOTH.contains(word.group())) {
                    found.add(word.group());
                }
            }
            if (!found.isEmpty()) {
                english.put(page, found);
            }
        });

        // THEN none is English (the timeline's kinds and the statuses included)
        assertTrue(english.isEmpty(), () -> "English on Japanese pages: " + english);
        assertTrue(pages.get("/incidents/INC-0001").contains("<b>発生</b>"), "the timeline's kinds are Japanese");
        assertTrue(pages.get("/").contains(">解決済み</option>"), "the status filter names statuses in Japanese");
    }

    @Test
    void englishPages_showNoJapanese() {
        // GIVEN every page, and every refusal, in English
        Map<String, String> pages = everyPage(Map.of("lang", "en"));

        // WHEN the words on them are read, leaving out what people wrote
        Map<String, Set<String>> japanese = new LinkedHashMap<>();
        pages.forEach((page, html) -> {
            Set<String> found = new TreeSet<>();
            Matcher word = JAPANESE.matcher(visibleWords(html));
            while (word.find()) {
                found.add(word.group());
            }
            if (!found.isEmpty()) {
                japanese.put(page, found);
            }
        });

        // THEN none is Japanese
        assertTrue(japanese.isEmpty(), () -> "Japanese on English pages: " + japanese);
        assertTrue(pages.get("/incidents/INC-0001").contains("<b>opened</b>"), "the timeline's kinds are English");
        assertTrue(pages.get("/").contains(">resolved</option>"), "the status filter names statuses in English");
    }

    @Test
    void languageSwitch_namesTheOtherLanguageInItsOwnWords() {
        // GIVEN the list in each language
        String japanese = get(open, "GET", "/", Map.of()).body();
        String english = get(open, "GET", "/", Map.of("lang", "en")).body();

        // WHEN its language switch is looked at
        // THEN it names the other language as its speakers do, marked as that language
        assertTrue(japanese.contains("<a href=\"?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"), japanese);
        assertTrue(english.contains("<a href=\"?lang=ja\" hreflang=\"ja\" lang=\"ja\">日本語</a>"), english);
    }

    @Test
    void whatPeopleWrote_isEscaped_onTheListAndTheIncident() {
        // GIVEN an incident titled with markup (INC-0002, the one SEV1)
        // WHEN the pages that show it are read
        String list = get(open, "GET", "/", Map.of("severity", "SEV1")).body();
        String incident = get(open, "GET", "/incidents/INC-0002", Map.of()).body();

        // THEN the markup is shown as text, never run
        for (String page : List.of(list, incident)) {
            assertFalse(page.contains("<script>"), page);
            assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
        }
    }

    @Test
    void anythingButGet_isRefusedWith405_andNoData() {
        // GIVEN a signed-in reader
        // WHEN they POST, PUT or DELETE
        for (String method : List.of("POST", "PUT", "DELETE")) {
            WebApp.Response response = get(open, method, "/", Map.of("lang", "en"));

            // THEN 405: the page is read-only, and no incident is shown
            assertEquals(405, response.status(), method);
            assertTrue(response.body().contains("This page is read-only."), response.body());
            assertFalse(response.body().contains("INC-0001"), response.body());
        }
    }

    /** Every page and refusal, in the language the extra parameters ask for. */
    private Map<String, String> everyPage(Map<String, String> language) {
        Map<String, String> pages = new LinkedHashMap<>();
        for (String path : List.of("/", "/incidents/INC-0001", "/metrics", "/incidents/INC-9999", "/nowhere",
                "/incidents/INC-9999/postmortem.md")) {
            pages.put(path, get(open, "GET", path, language).body());
        }
        pages.put("bad date", get(open, "GET", "/", with(language, "from", "yesterday")).body());
        pages.put("bad status", get(open, "GET", "/", with(language, "status", "sleeping")).body());
        pages.put("bad cursor", get(open, "GET", "/", with(language, "cursor", "not-a-cursor")).body());
        pages.put("POST", get(open, "POST", "/", language).body());
        pages.put("no sign-in", get(signInRequired, "GET", "/", language).body());
        assertTrue(pages.get("/").contains("id=\"next\""), "a second page to link to");
        return pages;
    }

    /**
     * The words a reader sees that are ours: no styles, no markup, nothing people wrote, no command to
     * type, not the language switch (the other language's own name), and neither the timeline entries'
     * text nor the postmortem's Markdown (rendered by the core for the same reader, checked there).
     */
    private static String visibleWords(String html) {
        String text = html.replaceAll("(?s)<style>.*?</style>", " ")
                .replaceAll("(?s)<pre>.*?</pre>", " ")
                .replaceAll("</b>[^\n]*?</li>", "</b></li>")
                .replaceAll("<code>.*?</code>", " ")
                .replaceAll("<a [^>]*hreflang=[^>]*>[^<]*</a>", " ")
                .replaceAll("<a class=\"brand\"[^>]*>[^<]*</a>", " ")
                .replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        for (String data : DATA) {
            text = text.replace(data, " ");
        }
        return text;
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(query);
        more.put(name, value);
        return more;
    }

    private static WebApp.Response get(WebApp web, String method, String path, Map<String, String> query) {
        return web.handle(new WebApp.Request(method, path, query, null));
    }

    private Incident declare(String title, Severity severity, String service) {
        clock.advance(Duration.ofSeconds(1));
        return incidents.declare(title, severity, service, null, "U0ALICE", null).orElseThrow();
    }
}
