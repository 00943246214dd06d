package io.hikeshi.handlers.web;

import io.hikeshi.core.testkit.MovableClock;
import io.hikeshi.handlers.TestClocks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.web.WebApp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web function: an HTTP API (payload 2.0) event in, the page's answer out, cookies in their own list. */
class WebHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final Storage storage = InMemoryStorage.create().ports();
    private final SignedLinks links = new SignedLinks("test-web-signing-key-123", clock);
    private final WebHandler handler = new WebHandler(new WebApp(new IncidentBrowser(storage, clock, ZoneId.of("Asia/Tokyo")), links));

    @Test
    void lambdaHandler_readsCookiesFromPayload2_andReturnsTheLoginCookie() throws Exception {
        // GIVEN an incident and a link issued to Alice
        new IncidentService(storage, clock).declare("Payment API returns 5xx", Severity.SEV2, "payment-api", null, "U0ALICE", null);
        String token = links.issue("U0ALICE", Duration.ofHours(1));

        // WHEN the link is followed, the page is read with the cookie, and read without
        JsonNode login = invoke(Map.of("rawPath", "/", "queryStringParameters", Map.of("token", token)));
        JsonNode page = invoke(Map.of("rawPath", "/", "cookies", List.of(WebApp.COOKIE + "=" + token)));
        JsonNode anonymous = invoke(Map.of("rawPath", "/"));

        // THEN the link becomes a cookie (in payload 2.0's cookie list), the cookie reads the list, nothing else does
        assertEquals(303, login.path("statusCode").asInt());
        assertTrue(login.path("cookies").get(0).asText().startsWith(WebApp.COOKIE + "="));
        assertEquals(200, page.path("statusCode").asInt());
        assertTrue(page.path("body").asText().contains("INC-0001"));
        assertEquals(401, anonymous.path("statusCode").asInt());
        assertNotNull(page.path("headers").path("content-security-policy").asText(null));
    }

    @Test
    void everyAnswer_carriesTheSecurityHeaders_andItsContentType() throws Exception {
        // GIVEN no sign-in
        // WHEN anything is asked for
        JsonNode refused = invoke(Map.of("rawPath", "/metrics"));

        // THEN even the refusal is neither cached, sniffed, nor allowed to load anything from elsewhere
        JsonNode headers = refused.path("headers");
        assertEquals("no-store", headers.path("cache-control").asText());
        assertEquals("nosniff", headers.path("x-content-type-options").asText());
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'",
                headers.path("content-security-policy").asText());
        assertEquals("text/html; charset=utf-8", headers.path("content-type").asText());
    }

    private JsonNode invoke(Map<String, Object> fields) throws Exception {
        Map<String, Object> event = new HashMap<>(fields);
        event.put("version", "2.0");
        event.put("requestContext", Map.of("http", Map.of("method", "GET")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
        return JSON.readTree(out.toByteArray());
    }
}
