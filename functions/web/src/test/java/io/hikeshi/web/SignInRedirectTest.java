package io.hikeshi.web;

import io.hikeshi.core.testkit.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.testkit.InMemoryStorage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signing in with a link goes on to the page the link named, and never off this site: whatever path a
 * link is followed on, the 303's Location resolves to this site's origin.
 */
class SignInRedirectTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final URI SITE = URI.create("https://hikeshi.example/");

    private final MovableClock clock = new MovableClock(T0);
    private final SignedLinks links = new SignedLinks("test-web-signing-key-123", clock);
    private final WebApp web = new WebApp(new IncidentBrowser(InMemoryStorage.create().ports(), clock,
            ZoneId.of("Asia/Tokyo")), links);

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            "//evil.example",
            "//evil.example/incidents",
            "///evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "http://evil.example/",
            "HTTPS://evil.example",
            "javascript:alert(1)",
            "evil.example",
            "/%2F%2Fevil.example",
            "/%2f/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/%09/evil.example",
            "/%0A/evil.example",
            "/ /evil.example",
            "/\r\nSet-Cookie: hikeshi_session=stolen",
            "/%0D%0ASet-Cookie:%20x=1",
            "/%zz",
            "",
    })
    void signingIn_onAPathThatLeavesTheSite_goesToTheList(String path) {
        // GIVEN a genuine link, followed on a path that names another site
        String token = links.issue("U0ALICE", Duration.ofHours(1));

        // WHEN it is traded for a cookie
        WebApp.Response response = web.handle(new WebApp.Request("GET", path, Map.of("token", token), null));

        // THEN the browser is sent to this site's list, nowhere else
        assertEquals(303, response.status());
        assertEquals("/", response.headers().get("Location"));
        assertEquals(SITE.getAuthority(), SITE.resolve(response.headers().get("Location")).getAuthority());
    }

    @ParameterizedTest(name = "kept: {0}")
    @ValueSource(strings = {"/", "/incidents/INC-0042", "/metrics", "/export.csv", "/incidents/INC-0042/postmortem.md",
            "/a+b", "/%E7%81%AB"})
    void signingIn_onAPathOfThisSite_goesOnToThatPage_withoutTheToken(String path) {
        // GIVEN a genuine link to a page of this site, with the page's own parameters
        Map<String, String> query = new LinkedHashMap<>();
        query.put("token", links.issue("U0ALICE", Duration.ofHours(1)));
        query.put("lang", "en");

        // WHEN it is traded for a cookie
        WebApp.Response response = web.handle(new WebApp.Request("GET", path, query, null));

        // THEN the browser goes on to that page, the token dropped
        assertEquals(303, response.status());
        assertEquals(path + "?lang=en", response.headers().get("Location"));
    }
}
