package io.hikeshi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local mode against the pages that attack a server on a person's machine: each attack is a case,
 * refused before its route runs, and nothing changes (no incident opened, the clock not moved).
 * Local mode as {@code bin/hikeshi-local --require-login --allow-host tunnel.example.net} runs it.
 * Requests go over a plain socket, so Host, Origin and Sec-Fetch-Site are what a browser would send.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalModeGuardTest {

    private static final String EVIL = "http://evil.example";
    private static final String TUNNEL = "tunnel.example.net";
    private final AtomicInteger refused = new AtomicInteger();
    private LocalHikeshi hikeshi;
    private String session;
    private String alarm;

    @BeforeAll
    void start() throws Exception {
        hikeshi = LocalHikeshi.start(LocalMain.Options.parse(new String[] {"--port", "0", "--require-login",
                "--allow-host", TUNNEL}), Map.of(), false, System.out);
        String link = hikeshi.loginLink("U0ALICE");
        session = "hikeshi_session=" + link.substring(link.indexOf("?token=") + "?token=".length());
        alarm = Files.readString(Path.of("events/alarm-metric-alarm.json"));
    }

    @AfterAll
    void stop() {
        System.out.println("LocalModeGuardTest: " + refused.get() + " attacks refused");
        hikeshi.close();
    }

    @ParameterizedTest(name = "without a login: {0} {1} → 401")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /api/incidents
            GET  | /api/incidents/INC-0001
            GET  | /api/incidents/INC-0001/postmortem.md?lang=en
            POST | /api/clock/advance?days=30
            POST | /api/digest
            POST | /aws/eventbridge
            GET  | /export.json
            GET  | /export.csv
            GET  | /incidents/INC-0001
            GET  | /incidents/INC-0001/postmortem.md
            GET  | /metrics
            GET  | /
            """)
    void everyRoute_withoutASession_is401_andChangesNothing(String method, String path) throws Exception {
        // GIVEN local mode requiring a login, and a request from this machine that carries no session
        // WHEN it asks for data or posts a change
        RawHttp.Answer answer = send(method, path, Map.of("Host", self()), alarm);

        // THEN it is refused without data, and nothing changed
        assertRefused(401, answer);
    }

    @ParameterizedTest(name = "a page on another site: POST {0} → 403")
    @ValueSource(strings = {"/api/clock/advance?days=30", "/api/digest", "/aws/eventbridge", "/alerts/generic",
            "/slack/events", "/"})
    void everyPostRoute_fromAForeignOrigin_is403_evenWithTheSessionCookie(String path) throws Exception {
        // GIVEN a signed-in person's browser on another site's page, the session cookie sent along (the worst case)
        // WHEN that page posts to local mode
        RawHttp.Answer answer = send("POST", path, Map.of("Host", self(), "Origin", EVIL, "Cookie", session), alarm);

        // THEN the foreign Origin is refused before the route runs
        assertRefused(403, answer);
    }

    @ParameterizedTest(name = "POST /api/clock/advance with {0}: {1} → 403")
    @CsvSource(delimiter = '|', textBlock = """
            Sec-Fetch-Site | cross-site
            Sec-Fetch-Site | same-site
            Origin         | null
            Origin         | http://localhost:{port}
            Origin         | http://127.0.0.1:1
            Origin         | http://127.0.0.1:{port}.evil.example
            Origin         | file://
            Origin         | not a url
            """)
    void clockAdvance_fromAnythingButOurOwnPages_is403(String header, String value) throws Exception {
        // GIVEN a browser whose request says it came from elsewhere (another port is another origin)
        // WHEN it moves the clock, which would log everyone out and fire every reminder
        RawHttp.Answer answer = send("POST", "/api/clock/advance?days=30",
                Map.of("Host", self(), header, value.replace("{port}", port()), "Cookie", session), "");

        // THEN it is refused
        assertRefused(403, answer);
    }

    @ParameterizedTest(name = "DNS rebinding: Host {1} on {0} → 421")
    @CsvSource(delimiter = '|', textBlock = """
            /api/incidents          | evil.example:{port}
            /api/incidents          | evil.example
            /                       | evil.example:{port}
            /export.csv             | evil.example:{port}
            /api/incidents          | 127.0.0.1.evil.example:{port}
            /api/incidents          | localhost.evil.example:{port}
            /api/incidents          | tunnel.example.net.evil.example
            /api/incidents          | evil@127.0.0.1:{port}
            /api/incidents          | 0.0.0.0:{port}
            /api/incidents          | 127.0.0.1:1{port}
            """)
    void aPageRebindingItsNameToThisMachine_is421_evenSignedIn(String path, String host) throws Exception {
        // GIVEN a page on an attacker's name, re-pointed at 127.0.0.1: the browser thinks it is same-origin
        // WHEN it reads local mode (with the cookie too, in case the name shares it)
        RawHttp.Answer answer = send("GET", path, Map.of("Host", host.replace("{port}", port()), "Cookie", session), "");

        // THEN the Host is not one of local mode's names: nothing is answered
        assertRefused(421, answer);
        assertTrue(answer.body().contains("--allow-host"), answer.body());
    }

    @Test
    void aRequestWithoutAHost_is421() throws Exception {
        // GIVEN an HTTP/1.1 request with no Host at all
        // WHEN it asks for the incidents
        RawHttp.Answer answer = send("GET", "/api/incidents", Map.of("Cookie", session), "");

        // THEN it is refused like a foreign name
        assertRefused(421, answer);
    }

    @Test
    void aRebindingHost_isRefused_onAWebhookSignedWithTheRightSecret() throws Exception {
        // GIVEN a correctly signed generic alert, sent by a page that rebinds its name to this machine
        String body = "{\"action\":\"trigger\",\"dedupKey\":\"rebind\",\"summary\":\"forged\",\"severity\":\"critical\"}";
        Map<String, String> headers = new LinkedHashMap<>(signedGeneric(body));
        headers.put("Host", "evil.example:" + port());

        // WHEN it posts it
        RawHttp.Answer answer = send("POST", "/alerts/generic", headers, body);

        // THEN the Host is refused before the signature is even read
        assertRefused(421, answer);
    }

    @Test
    void ourOwnPages_curlAndATunnel_stillGetThrough() throws Exception {
        // GIVEN a signed-in person: the page's own same-origin POST, curl with the cookie, and the same through a tunnel
        Map<String, String> samePage = Map.of("Host", self(), "Origin", "http://" + self(), "Sec-Fetch-Site", "same-origin",
                "Cookie", session);
        Map<String, String> asLocalhost = Map.of("Host", "localhost:" + port(), "Origin", "http://localhost:" + port(),
                "Cookie", session);
        Map<String, String> throughTunnel = Map.of("Host", TUNNEL, "Origin", "https://" + TUNNEL, "Cookie", session);
        Map<String, String> curl = Map.of("Host", self(), "Cookie", session);

        // WHEN each posts the digest, and reads the incidents
        // THEN all are answered
        for (Map<String, String> headers : java.util.List.of(samePage, asLocalhost, throughTunnel, curl)) {
            assertEquals(200, send("POST", "/api/digest", headers, "").status(), headers.toString());
            assertEquals(200, send("GET", "/api/incidents", headers, "").status(), headers.toString());
        }

        // AND a monitor's signed webhook needs no login (its secret is its authentication), and opens an incident
        String body = "{\"action\":\"trigger\",\"dedupKey\":\"db-cpu\",\"summary\":\"DB CPU 97%\",\"severity\":\"critical\"}";
        Map<String, String> webhook = new LinkedHashMap<>(signedGeneric(body));
        webhook.put("Host", TUNNEL + ":443");
        assertEquals(202, send("POST", "/alerts/generic", webhook, body).status());
        assertEquals(1, hikeshi.core().storage().search().recent(10).size());
    }

    @Test
    void refusals_sayWhyInTheReadersLanguage() throws Exception {
        // GIVEN a request to a name local mode does not answer to, asking for English
        // WHEN it is refused
        RawHttp.Answer answer = send("GET", "/api/incidents?lang=en", Map.of("Host", "evil.example"), "");

        // THEN the JSON error names the host, the names allowed and the option that adds one
        assertEquals(421, answer.status());
        assertTrue(answer.body().contains("evil.example") && answer.body().contains("localhost:" + port())
                && answer.body().contains(TUNNEL) && answer.body().contains("--allow-host"), answer.body());
        // AND in Japanese by default, as on the web page
        assertTrue(send("GET", "/api/incidents", Map.of(), "").body().contains("--allow-host NAME を付けて"));
    }

    private RawHttp.Answer send(String method, String path, Map<String, String> headers, String body) throws Exception {
        return RawHttp.send(hikeshi.port(), method, path, headers, body);
    }

    /** Refused with this status, with a JSON reason and no incident data, and nothing changed. */
    private void assertRefused(int status, RawHttp.Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"error\"") || status == 401, answer.body());
        assertTrue(!answer.body().contains("INC-0"), "no incident data: " + answer.body());
        assertEquals(Duration.ZERO, hikeshi.reminders().moved(), "the clock was not moved");
        assertTrue(hikeshi.core().storage().search().recent(10).stream().noneMatch(i -> i.title().equals("forged")
                || i.title().startsWith("payment-api")), "no incident was opened by an attack");
        refused.incrementAndGet();
    }

    private String self() {
        return "127.0.0.1:" + port();
    }

    private String port() {
        return Integer.toString(hikeshi.port());
    }

    /** The generic integration's headers, signed as the README shows (HMAC of "timestamp:body"), now. */
    private Map<String, String> signedGeneric(String body) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hikeshi.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        return Map.of("X-Hikeshi-Timestamp", timestamp, "X-Hikeshi-Signature", "sha256=" + signature,
                "Content-Type", "application/json");
    }
}
