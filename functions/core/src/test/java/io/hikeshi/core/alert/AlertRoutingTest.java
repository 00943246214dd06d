package io.hikeshi.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.alert.AlertRouting.Decision;
import io.hikeshi.core.alert.AlertRouting.Route;
import io.hikeshi.core.incident.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRoutingTest {

    private static final Instant AT = Instant.parse("2026-11-24T03:12:45.123Z");

    private static Alert alert(String name) {
        return alert(name, null, null);
    }

    private static Alert alert(String name, String service, Severity severity) {
        return new Alert("cloudwatch", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + name, name,
                Signal.TRIGGER, "ALARM", AT, "", service, severity, null);
    }

    private static AlertRouting routing(Route... routes) {
        return new AlertRouting(List.of(routes), "platform", Severity.SEV3);
    }

    @Test
    void glob_star_matchesAnyRun_caseInsensitive() {
        // GIVEN a lower-case glob WHEN an upper-case name matches it THEN the route applies
        AlertRouting r = routing(new Route("payment-*", "payments", Severity.SEV1));

        assertEquals(new Decision("payments", Severity.SEV1), r.route(alert("PAYMENT-API-5xx")));
        assertEquals(new Decision("payments", Severity.SEV1), r.route(alert("payment-")));
    }

    @Test
    void glob_questionMark_matchesExactlyOneCharacter() {
        AlertRouting r = routing(new Route("db-?-cpu", "database", Severity.SEV2));

        assertEquals("database", r.route(alert("db-1-cpu")).service());
        assertEquals("platform", r.route(alert("db-12-cpu")).service());
        assertEquals("platform", r.route(alert("db--cpu")).service());
    }

    @Test
    void glob_mustMatchTheWholeName() {
        AlertRouting r = routing(new Route("api", "api", Severity.SEV2));

        assertEquals("platform", r.route(alert("api-latency")).service());
        assertEquals("platform", r.route(alert("my-api")).service());
        assertEquals("api", r.route(alert("API")).service());
    }

    @Test
    void firstMatchingRoute_wins() {
        // GIVEN two routes that both match WHEN routed THEN the first one listed decides
        AlertRouting r = routing(
                new Route("checkout-*", "checkout", Severity.SEV2),
                new Route("*-5xx", "edge", Severity.SEV1),
                new Route("*", "catch-all", Severity.SEV4));

        assertEquals(new Decision("checkout", Severity.SEV2), r.route(alert("checkout-5xx")));
        assertEquals(new Decision("edge", Severity.SEV1), r.route(alert("search-5xx")));
        assertEquals(new Decision("catch-all", Severity.SEV4), r.route(alert("anything")));
    }

    @Test
    void alertsOwnServiceAndSeverity_beatTheRoute() {
        // GIVEN an alarm tagged with service and severity WHEN a route also matches THEN the tags win
        AlertRouting r = routing(new Route("payment-*", "payments", Severity.SEV1));

        assertEquals(new Decision("ledger", Severity.SEV4), r.route(alert("payment-api-5xx", "ledger", Severity.SEV4)));
    }

    @Test
    void alertsOwnField_winsPerField() {
        AlertRouting r = routing(new Route("payment-*", "payments", Severity.SEV1));

        assertEquals(new Decision("ledger", Severity.SEV1), r.route(alert("payment-api-5xx", "ledger", null)));
        assertEquals(new Decision("payments", Severity.SEV4), r.route(alert("payment-api-5xx", null, Severity.SEV4)));
    }

    @Test
    void blankAlertService_countsAsAbsent() {
        AlertRouting r = routing(new Route("payment-*", "payments", Severity.SEV1));

        assertEquals("payments", r.route(alert("payment-api-5xx", "  ", null)).service());
    }

    @Test
    void noMatchingRoute_usesDefaults() {
        AlertRouting r = routing(new Route("payment-*", "payments", Severity.SEV1));

        assertEquals(new Decision("platform", Severity.SEV3), r.route(alert("search-latency")));
    }

    @Test
    void noMatchingRoute_alertsOwnFieldsStillWin() {
        AlertRouting r = routing(new Route("payment-*", "payments", Severity.SEV1));

        assertEquals(new Decision("search", Severity.SEV2), r.route(alert("search-latency", "search", Severity.SEV2)));
    }

    @Test
    void routeWithoutServiceOrSeverity_fallsBackToDefaultsForThatField() {
        AlertRouting r = routing(new Route("payment-*", null, Severity.SEV1), new Route("search-*", "search", null));

        assertEquals(new Decision("platform", Severity.SEV1), r.route(alert("payment-api")));
        assertEquals(new Decision("search", Severity.SEV3), r.route(alert("search-api")));
    }

    @Test
    void defaults_sendEverythingToUnassignedAtSev3() {
        assertEquals(new Decision("unassigned", Severity.SEV3), AlertRouting.defaults().route(alert("anything")));
    }

    @Test
    void regexMetacharacters_inPatterns_areLiteral() {
        // GIVEN patterns full of regex syntax WHEN routed THEN they only match the literal characters
        AlertRouting r = routing(
                new Route("api.errors", "dot", Severity.SEV1),
                new Route("(prod)+[eu]|x", "group", Severity.SEV1),
                new Route("cost$^\\d{2}", "anchors", Severity.SEV1),
                new Route("a\\E.*\\Q", "quote-escape", Severity.SEV1));

        assertEquals("dot", r.route(alert("API.ERRORS")).service());
        assertEquals("platform", r.route(alert("apiXerrors")).service(), "'.' is not any character");
        assertEquals("group", r.route(alert("(prod)+[eu]|x")).service());
        assertEquals("platform", r.route(alert("prode")).service());
        assertEquals("platform", r.route(alert("x")).service(), "'|' is not alternation");
        assertEquals("anchors", r.route(alert("cost$^\\d{2}")).service());
        assertEquals("platform", r.route(alert("cost42")).service());
        assertEquals("quote-escape", r.route(alert("a\\E.*\\Q")).service());
        assertEquals("platform", r.route(alert("a\\Eanything\\Q")).service());
    }

    @Test
    void globToRegex_quotesEverythingButStarAndQuestionMark() {
        assertTrue(AlertRouting.globToRegex("a+b*").matcher("A+B-anything").matches());
        assertFalse(AlertRouting.globToRegex("a+b*").matcher("aab").matches());
    }

    @Test
    void routes_areCopied() {
        List<Route> routes = new java.util.ArrayList<>(List.of(new Route("x-*", "x", Severity.SEV1)));
        AlertRouting r = new AlertRouting(routes, "platform", Severity.SEV3);
        routes.clear();

        assertEquals("x", r.route(alert("x-1")).service());
    }

    @Test
    void missingDefaultsOrPattern_areRefused() {
        assertThrows(NullPointerException.class, () -> new AlertRouting(List.of(), null, Severity.SEV3));
        assertThrows(NullPointerException.class, () -> new AlertRouting(List.of(), "platform", null));
        assertThrows(NullPointerException.class, () -> new Route(null, "x", Severity.SEV1));
    }
}
