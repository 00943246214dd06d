package io.hikeshi.web;

import io.hikeshi.core.testkit.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incident page makes a link of a URL from data (a monitor's links, a pinned message's permalink)
 * only when it is http(s); anything else is shown as text, so clicking it cannot run anything.
 */
class LinkSchemeTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    private final MovableClock clock = new MovableClock(T0);
    private final Storage storage = InMemoryStorage.create().ports();
    private final WebApp web = new WebApp(new IncidentBrowser(storage, clock, ZoneId.of("Asia/Tokyo")), null);

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            "javascript:alert(document.domain)",
            "JavaScript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "\tjavascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u0000javascript:alert(1)",
            "javascript&colon;alert(1)",
            "&#106;avascript:alert(1)",
            "javascript://%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "ftp://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "https:/\\evil.example",
            "http:evil.example",
            "https:",
            "https://",
            "\"><script>alert(1)</script>",
            "' onmouseover='alert(1)",
    })
    void urlThatIsNotHttp_isShownAsText_notAsALink(String url) {
        // GIVEN an alert whose monitor sent the URL as its links, and a pinned message with it as its permalink
        Incident incident = incidentWithLinks(url);

        // WHEN the incident's page is read
        WebApp.Response page = web.handle(new WebApp.Request("GET", "/incidents/" + incident.id(), Map.of("lang", "en"), null));

        // THEN no link on the page goes anywhere but this site or Slack, and the URL is there as text
        assertEquals(200, page.status());
        List<String> hrefs = hrefs(page.body());
        assertFalse(hrefs.isEmpty(), "the page has its own links");
        hrefs.forEach(href -> assertTrue(href.startsWith("/") && !href.startsWith("//") || href.startsWith("?")
                || href.startsWith("https://slack.com/"), () -> "a link from data: " + href));
        assertTrue(page.body().contains("Runbook"), "the link's label is shown");
        assertFalse(page.body().contains("<script>"), "nothing of it is markup");
    }

    @ParameterizedTest(name = "linked: {0}")
    @ValueSource(strings = {"https://runbooks.example/payment-api", "http://grafana.internal:3000/d/abc?orgId=1&var=a",
            "HTTPS://EXAMPLE.COM/", "https://example.slack.com/archives/C0123/p1732419165000100"})
    void httpUrl_becomesALink(String url) {
        // GIVEN an alert whose monitor sent an http(s) URL, also a pinned message's permalink
        Incident incident = incidentWithLinks(url);

        // WHEN the incident's page is read
        WebApp.Response page = web.handle(new WebApp.Request("GET", "/incidents/" + incident.id(), Map.of("lang", "en"), null));

        // THEN both are links to it
        assertEquals(2, hrefs(page.body()).stream().filter(href -> href.equals(url.replace("&", "&amp;"))).count(), page.body());
    }

    private Incident incidentWithLinks(String url) {
        Incident incident = new IncidentService(storage, clock).declare("Payment API returns 5xx", Severity.SEV2,
                "payment-api", null, "U0ALICE", null).orElseThrow();
        TimelineEntry alert = new TimelineEntry(incident.id(), "alert-1", T0, TimelineKind.ALERT_NOTE, "generic",
                "p99 latency over 2s", Map.of("link:Runbook", url, "permalink", url));
        storage.incidents().commit(new Change(null, null, null, List.of(alert)));
        return incident;
    }

    private static List<String> hrefs(String html) {
        Matcher m = HREF.matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
