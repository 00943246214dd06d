package io.hikeshi.web;

import io.hikeshi.core.testkit.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.PostmortemPolicy;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.store.Storage;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident pages on DynamoDB Local: access control, filters, paging, metrics, export. DynamoDB
 * rather than the test kit's fake, because the list's filters and cursors are the index query's and
 * these tests are where paging through it with filters is seen to work.
 */
class WebAppTest {

    private static final String KEY = "test-web-signing-key-123";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Noon in Tokyo on Tuesday 2026-11-24 (ISO week 48): where every test's clock starts, never the machine's day. */
    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** The one clock of the store, the people, the links and the page; tests move it by hand. */
    private final MovableClock clock = new MovableClock(T0);
    private Storage storage;
    private IncidentService incidents;
    private PostmortemService postmortems;
    private WebApp web;
    private SignedLinks links;
    private String cookie;

    @BeforeEach
    void setUp() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "web-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        storage = DynamoDbStorage.on(dynamo, table, clock);
        incidents = new IncidentService(storage, clock);
        postmortems = new PostmortemService(storage, NO_REMINDERS, PostmortemPolicy.defaults(TOKYO), clock,
                Messages.of(Messages.JAPANESE));
        links = new SignedLinks(KEY, clock);
        web = new WebApp(new IncidentBrowser(storage, clock, TOKYO), links);
        cookie = signedIn();
    }

    /** Alice's sign-in cookie, from a link issued now and valid an hour. */
    private String signedIn() {
        return WebApp.COOKIE + "=" + links.issue("U0ALICE", Duration.ofHours(1));
    }

    private WebApp.Response get(String path, Map<String, String> query, String cookieHeader) {
        return web.handle(new WebApp.Request("GET", path, query, cookieHeader));
    }

    /** Declared a second after whatever happened before, so that "newest" is a matter of time, not of id. */
    private Incident declare(String title, Severity severity, String service) {
        clock.advance(Duration.ofSeconds(1));
        return incidents.declare(title, severity, service, null, "U0ALICE", null).orElseThrow();
    }

    /** Declared at {@code at} exactly (the metrics need exact times). */
    private Incident declareAt(Instant at, String title, Severity severity, String service) {
        clock.set(at);
        return incidents.declare(title, severity, service, null, "U0ALICE", null).orElseThrow();
    }

    @Test
    void anonymousForgedOrExpiredRequests_getNothing_andAGenuineLinkBecomesACookie() {
        declare("Payment API returns 5xx", Severity.SEV2, "payment-api");
        String valid = links.issue("U0ALICE", Duration.ofHours(1));
        String forged = valid.substring(0, valid.length() - 1) + (valid.endsWith("0") ? "1" : "0");
        String expired = new SignedLinks(KEY, Clock.offset(clock, Duration.ofHours(-13))).issue("U0ALICE", Duration.ofHours(12));
        String otherKey = new SignedLinks("some-other-key-0123456", clock).issue("U0ALICE", Duration.ofHours(1));

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
        incidents.changeStatus(a.id(), Status.RESOLVED, "U0BOB");

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
        // GIVEN an incident declared at 12:00 in Tokyo and acknowledged 28 minutes later
        Incident i = declareAt(T0, "Payment API returns 5xx", Severity.SEV2, "payment-api");
        clock.set(T0.plus(Duration.ofMinutes(28)));
        incidents.acknowledge(i.id(), "U0BOB");

        // WHEN its page is read in Japanese and in English
        String ja = get("/incidents/" + i.id(), Map.of(), cookie).body();
        String en = get("/incidents/" + i.id(), Map.of("lang", "en"), cookie).body();

        // THEN it shows its figures (12:28 − 12:00 = 28 min to acknowledge; not mitigated or resolved yet),
        // its timeline and where its postmortem will be, in either language
        assertTrue(ja.contains("タイムライン") && ja.contains("確認済み"));
        assertTrue(en.contains("Timeline") && en.contains("acknowledged") && en.contains("Time to acknowledge"));
        assertTrue(en.contains(card("Time to acknowledge", "28 min")), en);
        assertTrue(en.contains(card("Time to mitigate", "—")) && en.contains(card("Time to resolve", "—")), en);
        assertTrue(ja.contains(card("確認までの時間", "28 min")), ja);
        assertTrue(en.contains("Detected 2026-11-24 12:00 JST"), en);
        assertTrue(en.contains("<ol class=\"timeline\">"));
        assertEquals(404, get("/incidents/INC-9999", Map.of(), cookie).status());
    }

    @Test
    void metrics_showMttaMttrAndCounts_computedFromTheIncidentsOfTheLast90Days() {
        // GIVEN, on a clock set by hand (times in UTC; Tokyo is 9 hours ahead):
        // an incident 100 days before, outside the period the page shows
        Instant old = T0.minus(Duration.ofDays(100));
        Incident before = declareAt(old, "Old outage", Severity.SEV1, "payment-api");
        clock.set(old.plus(Duration.ofMinutes(1)));
        incidents.acknowledge(before.id(), "U0BOB");
        clock.set(old.plus(Duration.ofMinutes(500)));
        incidents.changeStatus(before.id(), Status.RESOLVED, "U0BOB");
        // A: SEV1 payment-api, declared at T0 (03:00), acknowledged 03:04, resolved 03:52
        // B: SEV2 unlock,      declared at 03:10,       acknowledged 03:22, resolved 04:40
        // C: SEV2 payment-api, declared at 03:30,       never acknowledged, resolved 04:10
        // D: SEV3 checkout,    declared at 05:00,       still open
        Incident a = declareAt(T0, "A", Severity.SEV1, "payment-api");
        at(3, 4, () -> incidents.acknowledge(a.id(), "U0BOB"));
        Incident b = declareAt(T0.plus(Duration.ofMinutes(10)), "B", Severity.SEV2, "unlock");
        at(3, 22, () -> incidents.acknowledge(b.id(), "U0BOB"));
        Incident c = declareAt(T0.plus(Duration.ofMinutes(30)), "C", Severity.SEV2, "payment-api");
        at(3, 52, () -> incidents.changeStatus(a.id(), Status.RESOLVED, "U0BOB"));
        at(4, 10, () -> incidents.changeStatus(c.id(), Status.RESOLVED, "U0BOB"));
        at(4, 40, () -> incidents.changeStatus(b.id(), Status.RESOLVED, "U0BOB"));
        declareAt(T0.plus(Duration.ofHours(2)), "D", Severity.SEV3, "checkout");
        // and two postmortems: A's complete, C's open with one action item overdue by Dec 2 and one not yet due
        postmortems.draftOnResolve(a.id(), "U0BOB");
        storage.postmortems().save(postmortems.get(a.id()).completed("U0BOB", clock.instant()));
        postmortems.draftOnResolve(c.id(), "U0BOB");
        postmortems.addActionItem(c.id(), "Alert on payment-api 5xx within a minute", ActionItem.Type.PREVENT, "U0BOB",
                LocalDate.of(2026, 11, 27), null, "U0BOB");
        postmortems.addActionItem(c.id(), "Rehearse the rollback", ActionItem.Type.PROCESS, "U0CAROL",
                LocalDate.of(2026, 12, 9), null, "U0BOB");

        // WHEN Alice reads the metrics on Wednesday 2026-12-02 at noon in Tokyo (03:00 UTC), with a link issued then
        clock.set(Instant.parse("2026-12-02T03:00:00Z"));
        String page = get("/metrics", Map.of("lang", "en"), signedIn()).body();

        // THEN the period is the 90 days up to tomorrow: 2026-09-04 12:00 to 2026-12-03 12:00 in Tokyo,
        // which leaves out the incident detected on 2026-08-16
        assertTrue(page.contains("Period: 2026-09-04 12:00 JST — 2026-12-03 12:00 JST"), page);
        // Incidents: A, B, C, D = 4
        assertTrue(page.contains(card("Incidents", "4")), page);
        // MTTA over the acknowledged ones: A 03:04 − 03:00 = 4 min, B 03:22 − 03:10 = 12 min; (4 + 12) / 2 = 8.0
        assertTrue(page.contains(card("MTTA", "8.0 min")), page);
        // MTTR over the resolved ones: A 03:52 − 03:00 = 52, B 04:40 − 03:10 = 90, C 04:10 − 03:30 = 40;
        // (52 + 90 + 40) / 3 = 182 / 3 = 60.67 → 60.7
        assertTrue(page.contains(card("MTTR", "60.7 min")), page);
        // postmortems: A's complete, C's open: 1 of 2 = 50%; action items: the one due 2026-11-27 is overdue
        assertTrue(page.contains(card("Postmortems complete", "50% (1/2)")), page);
        assertTrue(page.contains(card("Overdue action items", "1")), page);
        assertTrue(page.contains("Alert on payment-api 5xx within a minute") && page.contains("2026-11-27"), page);
        assertFalse(page.contains("Rehearse the rollback"), "due 2026-12-09: not overdue yet");
        assertEquals(4, page.split("<svg role=\"img\"", -1).length - 1, "MTTA/MTTR by severity, MTTR by service, per week");
        // by severity: SEV1 is A alone; SEV2 acknowledged is B alone (C never was), resolved are B and C:
        // (90 + 40) / 2 = 65.0; SEV3 (D) reached neither milestone, so it has no bar
        assertEquals(List.of("SEV1=4.0 min", "SEV2=12.0 min"), chart(page, "MTTA by severity"));
        assertEquals(List.of("SEV1=52.0 min", "SEV2=65.0 min"), chart(page, "MTTR by severity"));
        // by service: payment-api is A and C: (52 + 40) / 2 = 46.0; unlock is B: 90.0; checkout (D) none
        assertEquals(List.of("payment-api=46.0 min", "unlock=90.0 min"), chart(page, "MTTR by service"));
        // per week: A to D were all detected on 2026-11-24 in Tokyo, ISO week 48
        assertEquals(List.of("2026-W48=4.0"), chart(page, "Incidents per week"));
    }

    @Test
    void metrics_forAChosenPeriod_countTheIncidentsDetectedInIt() {
        // GIVEN an incident on 2026-08-16 (acknowledged after 1 min, resolved after 500 min) and one on 2026-11-24
        // (acknowledged after 4 min, resolved after 52 min)
        Instant old = T0.minus(Duration.ofDays(100));
        Incident before = declareAt(old, "Old outage", Severity.SEV1, "payment-api");
        clock.set(old.plus(Duration.ofMinutes(1)));
        incidents.acknowledge(before.id(), "U0BOB");
        clock.set(old.plus(Duration.ofMinutes(500)));
        incidents.changeStatus(before.id(), Status.RESOLVED, "U0BOB");
        Incident recent = declareAt(T0, "Recent outage", Severity.SEV2, "unlock");
        at(3, 4, () -> incidents.acknowledge(recent.id(), "U0BOB"));
        at(3, 52, () -> incidents.changeStatus(recent.id(), Status.RESOLVED, "U0BOB"));

        // WHEN the metrics are read for August to November, and for November alone
        String both = get("/metrics", Map.of("lang", "en", "from", "2026-08-01", "to", "2026-11-30"), cookie).body();
        String november = get("/metrics", Map.of("lang", "en", "from", "2026-11-01", "to", "2026-11-30"), cookie).body();

        // THEN both: 2 incidents, MTTA (1 + 4) / 2 = 2.5 min, MTTR (500 + 52) / 2 = 276.0 min;
        // November: the recent one alone, 4.0 and 52.0 min
        assertTrue(both.contains("Period: 2026-08-01 00:00 JST — 2026-12-01 00:00 JST"), both);
        assertTrue(both.contains(card("Incidents", "2")) && both.contains(card("MTTA", "2.5 min"))
                && both.contains(card("MTTR", "276.0 min")), both);
        assertEquals(List.of("2026-W33=1.0", "2026-W48=1.0"), chart(both, "Incidents per week"));
        assertTrue(november.contains(card("Incidents", "1")) && november.contains(card("MTTA", "4.0 min"))
                && november.contains(card("MTTR", "52.0 min")), november);
        // and with no postmortem at all, completion is a dash, not a division by zero
        assertTrue(november.contains(card("Postmortems complete", "—")), november);
    }

    /** Runs {@code change} at hh:mm UTC on T0's day. */
    private void at(int hour, int minute, Runnable change) {
        clock.set(T0.atZone(ZoneOffset.UTC).withHour(hour).withMinute(minute).toInstant());
        change.run();
    }

    /** A figure card as the page draws it. */
    private static String card(String label, String value) {
        return "<span class=\"muted\">" + label + "</span><b>" + value + "</b>";
    }

    /** The bars of the chart titled {@code title}, as "label=value", top to bottom. */
    private static List<String> chart(String page, String title) {
        int start = page.indexOf("<figcaption><b>" + title + "</b></figcaption>");
        assertTrue(start >= 0, () -> "no chart '" + title + "' in " + page);
        String figure = page.substring(start, page.indexOf("</figure>", start));
        Matcher bar = BAR.matcher(figure);
        List<String> bars = new java.util.ArrayList<>();
        while (bar.find()) {
            bars.add(bar.group(1) + "=" + bar.group(2).strip());
        }
        return bars;
    }

    private static final Pattern BAR = Pattern.compile("<text x=\"0\" y=\"\\d+\">([^<]+)</text><rect [^>]*/><text [^>]*>([^<]+)</text>");

    private static final ReminderScheduler NO_REMINDERS = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) { }

        @Override
        public void cancel(String reminderId) { }
    };
}
