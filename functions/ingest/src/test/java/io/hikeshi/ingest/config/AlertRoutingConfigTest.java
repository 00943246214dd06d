package io.hikeshi.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.AlertRouting;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.incident.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarm routes: the file bundled from infrastructure/config, or the one HIKESHI_ALARM_ROUTES names. */
class AlertRoutingConfigTest {

    private static final Instant FIRED = Instant.parse("2026-11-24T03:12:45.123Z");

    @TempDir
    Path dir;

    @Test
    void bundledRoutes_routeAnAlarmByItsNamePattern_andTheRestToTheDefault() {
        // GIVEN the routes bundled with ingest (infrastructure/config/alarm-routes.json)
        AlertRouting routing = AlertRoutingConfig.load(null);

        // WHEN an alarm of a routed service and an alarm nobody routed are routed
        AlertRouting.Decision payment = routing.route(alarm("payment-api-5xx-rate"));
        AlertRouting.Decision stray = routing.route(alarm("nightly-batch-late"));

        // THEN the first follows its pattern, the second the file's default
        assertEquals(new AlertRouting.Decision("payment-api", Severity.SEV2), payment);
        assertEquals(new AlertRouting.Decision("unassigned", Severity.SEV3), stray);
    }

    @Test
    void fileNamedByTheSetting_replacesTheBundledRoutes() throws IOException {
        // GIVEN a team's own routes file
        Path routes = Files.writeString(dir.resolve("routes.json"), """
                {"default": {"service": "platform", "severity": "SEV4"},
                 "routes": [{"alarmName": "payment-api-*", "service": "payments", "severity": "SEV1"}]}""");

        // WHEN it is loaded in place of the bundled one
        AlertRouting routing = AlertRoutingConfig.load(routes.toString());

        // THEN its routes and its default decide
        assertEquals(new AlertRouting.Decision("payments", Severity.SEV1), routing.route(alarm("payment-api-5xx-rate")));
        assertEquals(new AlertRouting.Decision("platform", Severity.SEV4), routing.route(alarm("nightly-batch-late")));
    }

    @Test
    void routeWithoutAnAlarmName_failsAtStart_namingTheFileAndTheRoute() throws IOException {
        // GIVEN a routes file whose second route has no alarmName
        Path routes = Files.writeString(dir.resolve("routes.json"), """
                {"routes": [{"alarmName": "a-*", "service": "a"}, {"service": "b"}]}""");

        // WHEN it is loaded
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AlertRoutingConfig.load(routes.toString()));

        // THEN the error says where
        assertEquals(routes + " routes[1].alarmName is missing", e.getMessage());
    }

    @Test
    void unknownSeverity_failsAtStart_namingTheField() throws IOException {
        // GIVEN a route with a severity that is not SEV1-SEV4
        Path routes = Files.writeString(dir.resolve("routes.json"), """
                {"routes": [{"alarmName": "a-*", "service": "a", "severity": "urgent"}]}""");

        // WHEN it is loaded
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AlertRoutingConfig.load(routes.toString()));

        // THEN the error names the field
        assertTrue(e.getMessage().startsWith(routes + " routes[0].severity: "), e.getMessage());
    }

    @Test
    void missingFile_failsAtStart_namingIt() {
        // GIVEN a setting that names no file
        String nowhere = dir.resolve("absent.json").toString();

        // WHEN it is loaded
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AlertRoutingConfig.load(nowhere));

        // THEN the error names the file
        assertTrue(e.getMessage().startsWith("cannot read alarm routes from " + nowhere), e.getMessage());
    }

    private static Alert alarm(String name) {
        return new Alert("cloudwatch", "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:" + name, name, Signal.TRIGGER,
                "ALARM", FIRED, "", null, null, Map.of());
    }
}
