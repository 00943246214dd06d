package io.hikeshi.handlers.alerts;

import io.hikeshi.handlers.wiring.AlertsWiring;
import io.hikeshi.handlers.TestClocks;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.wiring.Composition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.ingest.InvalidEventException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The alarm-ingest function end to end: sample events from events/ → handler → DynamoDB Local. */
class AlarmIngestHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The samples' day: every alarm they describe has happened (never the machine's day). */
    private static final Clock CLOCK = TestClocks.fixedAt(TestClocks.AFTER_SAMPLE_ALARMS);

    private DynamoDbClient dynamo;
    private String table;
    private Composition app;
    private AlarmIngestHandler handler;

    @BeforeEach
    void setUp() {
        dynamo = EmbeddedDynamoDb.shared().client();
        table = "alarm-ingest-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        app = Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo, CLOCK);
        handler = new AlarmIngestHandler(new AlertsWiring(app));
    }

    @ParameterizedTest(name = "{0}")
    @Events(type = Map.class, events = {
            @Event("events/alarm-metric-alarm.json"),
            @Event("events/alarm-metric-math-alarm.json"),
            @Event("events/alarm-anomaly-detection-alarm.json"),
            @Event("events/alarm-composite-alarm.json")})
    void everyAlarmKind_opensOneIncident(Map<String, Object> event) throws Exception {
        Map<String, String> result = handler.handle(JSON.writeValueAsBytes(event));

        assertEquals("OPENED", result.get("outcome"));
        Incident incident = app.storage().incidents().find(IncidentId.parse(result.get("incident"))).orElseThrow();
        assertEquals(((Map<?, ?>) event.get("detail")).get("alarmName"), incident.title());
        assertEquals(Status.TRIGGERED, incident.status());
        assertEquals(((java.util.List<?>) event.get("resources")).get(0), incident.alertKey());
        assertEquals(1, app.storage().search().recent(10).size());
    }

    @ParameterizedTest
    @Event(value = "events/alarm-metric-alarm.json", type = Map.class)
    void metricAlarm_isRoutedByAlarmNamePattern(Map<String, Object> event) throws Exception {
        Map<String, String> result = handler.handle(JSON.writeValueAsBytes(event));

        Incident incident = app.storage().incidents().find(IncidentId.parse(result.get("incident"))).orElseThrow();
        assertEquals("payment-api", incident.service());
        assertEquals(Severity.SEV2, incident.severity());
        var opened = app.storage().incidents().timeline(incident.id(), 10).get(0);
        assertEquals(TimelineKind.OPENED, opened.kind());
        assertEquals("2026-11-24T03:12:45.123Z", opened.at().toString(), "the alarm's own state time, not delivery time");
    }

    @Test
    void alarmThenOk_mitigatesTheIncident_andTheSameOkAgainChangesNothing() throws Exception {
        handler.handle(sample("alarm-metric-alarm.json"));
        Map<String, String> ok = handler.handle(sample("alarm-metric-ok.json"));
        Map<String, String> again = handler.handle(sample("alarm-metric-ok.json"));

        assertEquals("RECOVERED", ok.get("outcome"));
        assertEquals("DUPLICATE", again.get("outcome"));
        Incident incident = app.storage().incidents().find(new IncidentId(1)).orElseThrow();
        assertEquals(Status.MITIGATED, incident.status());
        assertEquals("2026-11-24T03:41:10.456Z", incident.mitigatedAt().toString());
        assertEquals(2, app.storage().incidents().timeline(incident.id(), 10).size());
    }

    @Test
    void alarmFiringAgainAfterOk_reopensInvestigationOnTheSameIncident() throws Exception {
        handler.handle(sample("alarm-metric-alarm.json"));
        handler.handle(sample("alarm-metric-ok.json"));
        ObjectNode again = (ObjectNode) JSON.readTree(sample("alarm-metric-alarm.json"));
        again.put("id", "refire-1");
        ((ObjectNode) again.path("detail").path("state")).put("timestamp", "2026-11-24T03:55:00.000+0000");

        Map<String, String> result = handler.handle(JSON.writeValueAsBytes(again));

        assertEquals("COUNTED", result.get("outcome"));
        Incident incident = app.storage().incidents().find(new IncidentId(1)).orElseThrow();
        assertEquals(Status.INVESTIGATING, incident.status());
        assertEquals(2, incident.occurrences());
        assertEquals(3, incident.version(), "created, mitigated, investigating again");
        assertEquals(1, app.storage().search().recent(10).size());
    }

    @Test
    void okDeliveredBeforeItsAlarm_neverLeavesAnIncidentAlarming() throws Exception {
        Map<String, String> ok = handler.handle(sample("alarm-metric-ok.json"));
        Map<String, String> alarm = handler.handle(sample("alarm-metric-alarm.json"));

        assertEquals("RECORDED", ok.get("outcome"));
        assertEquals("OPENED", alarm.get("outcome"));
        Incident incident = app.storage().incidents().find(IncidentId.parse(alarm.get("incident"))).orElseThrow();
        assertEquals(Status.MITIGATED, incident.status(), "the alarm had already recovered when it arrived");
        assertEquals("2026-11-24T03:12:45.123Z", incident.detectedAt().toString());
    }

    @Test
    void lateOlderAlarm_isCountedWithoutRegressingTheIncident() throws Exception {
        handler.handle(sample("alarm-metric-alarm.json"));
        Map<String, String> late = handler.handle(sample("alarm-metric-alarm-late.json"));

        assertEquals("COUNTED", late.get("outcome"));
        Incident incident = app.storage().incidents().find(new IncidentId(1)).orElseThrow();
        assertEquals(2, incident.occurrences());
        assertEquals(1, app.storage().search().recent(10).size());
        var timeline = app.storage().incidents().timeline(incident.id(), 10);
        assertEquals("2026-11-24T03:10:00Z", timeline.get(0).at().toString(), "the late firing sits in its own place");
    }

    @Test
    void insufficientData_isRecordedButNeverOpensAnIncident() throws Exception {
        Map<String, String> result = handler.handle(sample("alarm-metric-insufficient-data.json"));

        assertEquals("RECORDED", result.get("outcome"));
        assertTrue(app.storage().search().recent(10).isEmpty());
        assertEquals("INSUFFICIENT_DATA", app.storage().alerts()
                .find("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:payment-api-5xx-rate")
                .orElseThrow().signal());
    }

    @Test
    void unknownAlarmState_isRecordedNotCrashedOn() throws Exception {
        handler.handle(sample("alarm-metric-alarm.json"));
        ObjectNode event = (ObjectNode) JSON.readTree(sample("alarm-metric-ok.json"));
        event.put("id", "unknown-state-1");
        ((ObjectNode) event.path("detail").path("state")).put("value", "MAINTENANCE");

        Map<String, String> result = handler.handle(JSON.writeValueAsBytes(event));

        assertEquals("RECORDED", result.get("outcome"));
        Incident incident = app.storage().incidents().find(new IncidentId(1)).orElseThrow();
        assertEquals(Status.TRIGGERED, incident.status());
        assertTrue(app.storage().incidents().timeline(incident.id(), 10).stream()
                .anyMatch(e -> TimelineText.render(e, Messages.of(Messages.ENGLISH)).contains("MAINTENANCE")));
    }

    @Test
    void snapStartPriming_runsTheHotPath_andWritesNothing() {
        boolean primed = handler.prime();

        assertTrue(primed, "the parser and the store answered");
        assertTableEmpty();
    }

    @Test
    void lambdaEntryPoint_writesTheOutcomeAsJson() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(sample("alarm-metric-alarm.json")), out, null);

        Map<?, ?> response = JSON.readValue(out.toByteArray(), Map.class);
        assertEquals("OPENED", response.get("outcome"));
        assertEquals("INC-0001", response.get("incident"));
    }

    @Test
    void eventWithoutState_isRefusedNamingTheField_andNothingIsWritten() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> handler.handle(sample("alarm-malformed-missing-state.json")));

        assertEquals("detail.state is missing", e.getMessage());
        assertTableEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "not json at all|event is not valid JSON",
            "[1,2,3]|event must be a JSON object",
            "{}|source is missing",
            "{\"source\":\"aws.ec2\",\"detail-type\":\"CloudWatch Alarm State Change\"}|source is 'aws.ec2', expected 'aws.cloudwatch'",
            "{\"source\":\"aws.cloudwatch\",\"detail-type\":\"EC2 Instance State-change Notification\"}|detail-type is 'EC2 Instance State-change Notification'",
            "{\"source\":\"aws.cloudwatch\",\"detail-type\":\"CloudWatch Alarm State Change\",\"id\":\"x\",\"detail\":\"ALARM\"}|detail must be an object, was string",
            "{\"source\":\"aws.cloudwatch\",\"detail-type\":\"CloudWatch Alarm State Change\",\"id\":\"x\",\"detail\":{\"alarmName\":\"a\",\"state\":{\"value\":7,\"timestamp\":\"2026-11-24T03:12:45.123+0000\"}}}|detail.state.value must be a non-empty string, was number",
            "{\"source\":\"aws.cloudwatch\",\"detail-type\":\"CloudWatch Alarm State Change\",\"id\":\"x\",\"detail\":{\"alarmName\":\"a\",\"state\":{\"value\":\"ALARM\",\"timestamp\":\"yesterday\"}}}|detail.state.timestamp 'yesterday' is not a timestamp",
            "{\"source\":\"aws.cloudwatch\",\"detail-type\":\"CloudWatch Alarm State Change\",\"id\":\"x\",\"detail\":{\"alarmName\":\"a\",\"state\":{\"value\":\"ALARM\",\"timestamp\":\"2026-11-24T03:12:45.123+0000\"}}}|resources[0] (the alarm ARN) is missing"})
    void malformedEvent_isRefusedWithAClearError_andNothingIsWritten(String caseText) {
        String[] parts = caseText.split("\\|");

        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> handler.handle(parts[0].getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertTrue(e.getMessage().startsWith(parts[1]), () -> "message was: " + e.getMessage());
        assertTableEmpty();
    }

    @Test
    void oversizedEvent_isRefused() {
        byte[] huge = new byte[300 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');

        InvalidEventException e = assertThrows(InvalidEventException.class, () -> handler.handle(huge));

        assertTrue(e.getMessage().contains("limit"));
        assertTableEmpty();
    }

    private void assertTableEmpty() {
        int items = dynamo.scan(r -> r.tableName(table)).count();
        assertEquals(0, items, "a refused event must write nothing");
        assertNotNull(table);
    }

    static byte[] sample(String name) throws Exception {
        return Files.readAllBytes(Path.of("events", name));
    }
}
