package io.hikeshi.handlers.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.Composition;
import io.hikeshi.handlers.WebHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incident pages on DynamoDB Local: access control, filters, paging, metrics, export. */
class WebAppTest {

    private static final String KEY = "test-web-signing-key-123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private Composition core;
    private WebApp web;
    private SignedLinks links;
    private String cookie;

    @BeforeEach
    void setUp() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "web-" + UUID.randomUUID();
        IncidentTable.createIfMissing(dynamo, table);
        core = Composition.fromSettings(Map.of(Composition.TABLE, table), dynamo);
        links = new SignedLinks(KEY, Clock.systemUTC());
        web = new WebApp(core.store(), links, ZoneId.of("Asia/Tokyo"), Clock.systemUTC());
        cookie = WebApp.COOKIE + "=" + links.issue("U0ALICE", Duration.ofHours(1));
    }

    private WebApp.Response get(String path, Map<String, String> query, String cookieHeader) {
        return web.handle(new WebApp.Request("GET", path, query, cookieHeader));
    }

    private Incident declare(String title, Severity severity, String service) {
        return core.incidents().declare(title, severity, service, null, "U0ALICE", null).orElseThrow();
    }

    @Test
    void anonymousForgedOrExpiredRequests_getNothing_andAGenuineLinkBecomesACookie() {
        declare("Payment API returns 5xx", Severity.SEV2, "payment-api");
        String valid = links.issue("U0ALICE", Duration.ofHours(1));
        String forged = valid.substring(0, valid.length() - 1) + (valid.endsWith("0") ? "1" : "0");
        String expired = new SignedLinks(KEY, Clock.offset(Clock.systemUTC(), Duration.ofHours(-13))).issue("U0ALICE", Duration.ofHours(12));
        String otherKey = new SignedLinks("some-other-key-0123456", Clock.systemUTC()).issue("U0ALICE", Duration.ofHours(1));

        for (var response : new WebApp.Response[] {get("/", Map.of(), null), get("/export.json", Map.of(), null),
                get("/incidents/INC-0001", Map.of(), null), get("/", Map.of("token", forged), null),
                get("/", Map.of("token", expired), null), get("/", Map.of("token", otherKey), null),
                get("/metrics", Map.of(), WebApp.COOKIE + "=" + forged)}) {
            assertEquals(401, response.status());
            assertFalse(response.body().contains("INC-0001"), "no data to strangers");
        }
        WebApp.Response login = get("/", Map.of("token", valid), null);
        assertEquals(303, login.status());
        assertTrue(login.headers().get("Set-Cookie").startsWith(WebApp.COOKIE + "=" + valid + ";"));
        assertTrue(login.headers().get("Set-Cookie").contains("HttpOnly"));
        assertEquals(200, get("/", Map.of(), "other=1; " + WebApp.COOKIE + "=" + valid).status());
    }

    @Test
    void list_filtersBySeverityStatusServiceAndTitle_newestFirst() {
        Incident a = declare("Payment API returns 5xx", Severity.SEV2, "payment-api");
        Incident b = declare("Checkout degraded", Severity.SEV1, "checkout");
        declare("Unlock latency high", Severity.SEV3, "unlock");
        core.incidents().changeStatus(a.id(), Status.RESOLVED, "U0BOB");

        String all = get("/", Map.of(), cookie).body();
        String sev1 = get("/", Map.of("severity", "SEV1"), cookie).body();
        String resolved = get("/", Map.of("status", "RESOLVED"), cookie).body();
        String byService = get("/", Map.of("service", "unlock"), cookie).body();
        String search = get("/", Map.of("q", "CHECKOUT"), cookie).body();

        assertTrue(all.indexOf("INC-0003") < all.indexOf("INC-0001"), "newest first");
        assertTrue(sev1.contains(b.id().toString()) && !sev1.contains("INC-0001") && !sev1.contains("INC-0003"));
        assertTrue(resolved.contains("INC-0001") && !resolved.contains("INC-0002"));
        assertTrue(byService.contains("INC-0003") && !byService.contains("INC-0001"));
        assertTrue(search.contains("INC-0002") && !search.contains("INC-0001"), "case-insensitive title search");
        assertEquals(400, get("/", Map.of("from", "yesterday"), cookie).status());
    }

    @Test
    void list_andExport_pageThroughThousandsWithACursor() throws Exception {
        for (int i = 0; i < 120; i++) {
            declare("Incident " + i, Severity.SEV3, "svc-" + (i % 3));
        }

        JsonNode first = JSON.readTree(get("/export.json", Map.of("limit", "50"), cookie).body());
        JsonNode second = JSON.readTree(get("/export.json", Map.of("limit", "50", "cursor", first.path("nextCursor").asText()), cookie).body());
        JsonNode third = JSON.readTree(get("/export.json", Map.of("limit", "50", "cursor", second.path("nextCursor").asText()), cookie).body());

        assertEquals(50, first.path("incidents").size());
        assertEquals(50, second.path("incidents").size());
        assertEquals(20, third.path("incidents").size());
        assertTrue(third.path("nextCursor").isNull());
        assertEquals("INC-0120", first.path("incidents").get(0).path("id").asText());
        assertEquals("INC-0001", third.path("incidents").get(19).path("id").asText());
        JsonNode filtered = JSON.readTree(get("/export.json", Map.of("service", "svc-1", "limit", "1000"), cookie).body());
        assertEquals(40, filtered.path("incidents").size(), "filters apply across pages");
        assertTrue(get("/", Map.of(), cookie).body().contains("id=\"next\""), "the page links to the next one");
    }

    @Test
    void csvExport_quotesCells_andDefusesSpreadsheetFormulas() {
        declare("=HYPERLINK(\"evil\")", Severity.SEV4, "payment-api");

        WebApp.Response csv = get("/export.csv", Map.of(), cookie);

        assertEquals(200, csv.status());
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("id,title,severity,status,service"));
        assertTrue(lines[1].contains("\"'=HYPERLINK(\"\"evil\"\")\""), lines[1]);
    }

    @Test
    void incidentPage_showsFiguresTimelineAndPostmortem_inEnglishOrJapanese() {
        Incident i = declare("Payment API returns 5xx", Severity.SEV2, "payment-api");
        core.incidents().acknowledge(i.id(), "U0BOB");

        String ja = get("/incidents/" + i.id(), Map.of(), cookie).body();
        String en = get("/incidents/" + i.id(), Map.of("lang", "en"), cookie).body();

        assertTrue(ja.contains("タイムライン") && ja.contains("確認済み"));
        assertTrue(en.contains("Timeline") && en.contains("acknowledged") && en.contains("Time to acknowledge"));
        assertTrue(en.contains("<ol class=\"timeline\">"));
        assertEquals(404, get("/incidents/INC-9999", Map.of(), cookie).status());
    }

    @Test
    void metrics_drawChartsOfMttaAndMttr_bySeverityAndService() {
        Incident a = declare("A", Severity.SEV1, "payment-api");
        Incident b = declare("B", Severity.SEV2, "unlock");
        core.incidents().acknowledge(a.id(), "U0BOB");
        core.incidents().changeStatus(a.id(), Status.RESOLVED, "U0BOB");
        core.incidents().changeStatus(b.id(), Status.RESOLVED, "U0BOB");

        String page = get("/metrics", Map.of("lang", "en"), cookie).body();

        assertTrue(page.contains("MTTA") && page.contains("MTTR"));
        assertTrue(page.split("<svg role=\"img\"", -1).length - 1 >= 4, "MTTA/MTTR by severity, MTTR by service, per week");
        assertTrue(page.contains("payment-api") && page.contains("SEV1"));
    }

    @Test
    void lambdaHandler_readsCookiesFromPayload2_andReturnsTheLoginCookie() throws Exception {
        declare("Payment API returns 5xx", Severity.SEV2, "payment-api");
        WebHandler handler = new WebHandler(web);
        String token = links.issue("U0ALICE", Duration.ofHours(1));

        JsonNode login = invoke(handler, Map.of("rawPath", "/", "queryStringParameters", Map.of("token", token)));
        JsonNode page = invoke(handler, Map.of("rawPath", "/", "cookies", java.util.List.of(WebApp.COOKIE + "=" + token)));
        JsonNode anonymous = invoke(handler, Map.of("rawPath", "/"));

        assertEquals(303, login.path("statusCode").asInt());
        assertTrue(login.path("cookies").get(0).asText().startsWith(WebApp.COOKIE + "="));
        assertEquals(200, page.path("statusCode").asInt());
        assertTrue(page.path("body").asText().contains("INC-0001"));
        assertEquals(401, anonymous.path("statusCode").asInt());
        assertNotNull(page.path("headers").path("content-security-policy").asText(null));
    }

    private static JsonNode invoke(WebHandler handler, Map<String, Object> fields) throws Exception {
        Map<String, Object> event = new HashMap<>(fields);
        event.put("version", "2.0");
        event.put("requestContext", Map.of("http", Map.of("method", "GET")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
        return JSON.readTree(out.toByteArray());
    }
}
