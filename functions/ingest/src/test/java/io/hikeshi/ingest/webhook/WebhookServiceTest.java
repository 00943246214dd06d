package io.hikeshi.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.StormGuard;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.store.Storage;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.ingest.config.AlertRoutingConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.threeten.extra.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Alerts from any monitor, through the real WebhookService, parsers and intake on DynamoDB Local. */
class WebhookServiceTest {

    static final String SECRET = "test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * When API Gateway delivered the sample webhook (events/apigw-webhook-alertmanager.json,
     * {@code requestContext.timeEpoch}): after every webhook sample's own time (the latest,
     * webhook-datadog-recovered.json, is 2026-11-19).
     */
    static final Instant SAMPLE_WEBHOOK_DELIVERED = Instant.parse("2026-11-24T03:12:47Z");

    /** The functions' defaults: 20 openings per source in 10 minutes before alerts are grouped. */
    private static final int STORM_LIMIT = 20;
    private static final Duration STORM_WINDOW = Duration.ofMinutes(10);

    /**
     * The service's clock and the signers' share one start, when the webhook samples were delivered;
     * a test moves it when time must pass between deliveries (never the machine's day).
     */
    private final MutableClock clock = MutableClock.of(SAMPLE_WEBHOOK_DELIVERED, ZoneOffset.UTC);
    private final RecordedLog log = new RecordedLog();

    private DynamoDbClient dynamo;
    private String table;
    private Storage storage;
    private WebhookService webhooks;

    @BeforeEach
    void setUp() {
        dynamo = EmbeddedDynamoDb.shared().client();
        table = "webhooks-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        storage = DynamoDbStorage.on(dynamo, table, clock);
        webhooks = webhooks(STORM_LIMIT);
    }

    /** Wired as the functions wire it: the bundled integrations and alarm routes; every secret is {@link #SECRET}. */
    private WebhookService webhooks(int stormLimit) {
        StormGuard guard = new StormGuard(storage.counters(), clock, stormLimit, STORM_WINDOW);
        AlertIntakeService intake = new AlertIntakeService(storage, AlertRoutingConfig.load(null), false, guard);
        return new WebhookService(IntegrationsConfig.load(JSON, null), new WebhookAuthenticator(reference -> SECRET, clock),
                intake, JSON, clock, log);
    }

    // ---- generic JSON ----

    @Test
    void generic_triggerAcknowledgeResolve_followsTheDedupKey() {
        // GIVEN a monitor that sends no timestamps, so each alert is timed by its arrival, a minute apart
        // WHEN it triggers, triggers again, acknowledges, resolves and triggers once more on one dedup key
        var opened = generic("{\"action\":\"trigger\",\"dedupKey\":\"db-primary-cpu\",\"summary\":\"DB primary CPU 97%\","
                + "\"severity\":\"critical\",\"service\":\"payment-api\",\"links\":[{\"href\":\"https://runbooks/db\",\"text\":\"Runbook\"}],"
                + "\"details\":{\"cpu\":97}}");
        clock.add(Duration.ofMinutes(1));
        var again = generic("{\"action\":\"trigger\",\"dedupKey\":\"db-primary-cpu\",\"summary\":\"DB primary CPU 99%\"}");
        clock.add(Duration.ofMinutes(1));
        var acked = generic("{\"action\":\"acknowledge\",\"dedupKey\":\"db-primary-cpu\"}");
        clock.add(Duration.ofMinutes(1));
        var resolved = generic("{\"action\":\"resolve\",\"dedupKey\":\"db-primary-cpu\"}");
        clock.add(Duration.ofMinutes(1));
        var reopened = generic("{\"action\":\"trigger\",\"dedupKey\":\"db-primary-cpu\",\"summary\":\"DB primary CPU 98% again\"}");

        // THEN one incident followed the key to resolution, and the trigger after it opened a second
        assertEquals(List.of("OPENED", "COUNTED", "ACKNOWLEDGED", "RECOVERED", "OPENED"),
                List.of(outcome(opened), outcome(again), outcome(acked), outcome(resolved), outcome(reopened)));
        Incident first = incident(1);
        assertEquals(Status.RESOLVED, first.status(), "a generic resolve closes the incident");
        assertEquals(Severity.SEV1, first.severity());
        assertEquals("payment-api", first.service());
        assertEquals(2, first.occurrences());
        var openedEntry = storage.incidents().timeline(first.id(), 10).get(0).attributes();
        assertEquals("https://runbooks/db", openedEntry.get("link:Runbook"), "links are kept with the entry");
        assertEquals("97", openedEntry.get("cpu"), "custom details are kept with the entry");
        assertEquals(2, storage.search().recent(10).size(), "a trigger after resolution opens a new incident");
    }

    @Test
    void generic_sameBodyTwice_changesNothingTheSecondTime() {
        String body = "{\"action\":\"trigger\",\"dedupKey\":\"k1\",\"summary\":\"disk full\",\"timestamp\":\"2026-11-24T03:00:00Z\"}";
        var first = generic(body);
        var second = generic(body);

        assertEquals("OPENED", outcome(first));
        assertEquals("DUPLICATE", outcome(second));
        assertEquals(1, incident(1).occurrences());
    }

    @Test
    void generic_resolveBeforeTrigger_isRecorded_andTheLaterTriggerStillOpens() {
        var resolve = generic("{\"action\":\"resolve\",\"dedupKey\":\"k2\",\"timestamp\":\"2026-11-24T03:00:00Z\"}");
        var trigger = generic("{\"action\":\"trigger\",\"dedupKey\":\"k2\",\"summary\":\"queue backlog\",\"timestamp\":\"2026-11-24T03:05:00Z\"}");

        assertEquals("RECORDED", outcome(resolve));
        assertEquals("OPENED", outcome(trigger));
        assertEquals(Status.TRIGGERED, incident(1).status());
    }

    @Test
    void generic_resolveOfAnOlderTrigger_arrivingFirst_opensItAlreadyRecovered() {
        generic("{\"action\":\"resolve\",\"dedupKey\":\"k3\",\"timestamp\":\"2026-11-24T03:10:00Z\"}");
        var trigger = generic("{\"action\":\"trigger\",\"dedupKey\":\"k3\",\"summary\":\"queue backlog\",\"timestamp\":\"2026-11-24T03:05:00Z\"}");

        assertEquals("OPENED", outcome(trigger));
        assertTrue(incident(1).mitigatedAt() != null, "never left alarming: the resolve was newer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "not json|body is not valid JSON",
            "[]|body must be a JSON object",
            "{}|action is missing",
            "{\"action\":\"explode\"}|action 'explode' must be trigger, acknowledge or resolve",
            "{\"action\":\"resolve\"}|dedupKey is missing",
            "{\"action\":\"trigger\"}|summary is missing",
            "{\"action\":\"trigger\",\"summary\":\"x\",\"severity\":\"apocalyptic\"}|severity 'apocalyptic' must be",
            "{\"action\":\"trigger\",\"summary\":\"x\",\"timestamp\":\"yesterday\"}|timestamp 'yesterday' is not an ISO-8601 time",
            "{\"action\":\"trigger\",\"summary\":\"x\",\"links\":[{\"href\":\"javascript:alert(1)\"}]}|links[0].href must be an http(s) URL",
            "{\"action\":\"trigger\",\"summary\":7}|summary must be a non-empty string, was number"})
    void generic_malformedBody_gets400NamingTheField_andWritesNothing(String caseText) {
        String[] parts = caseText.split("\\|");

        var response = generic(parts[0]);

        assertEquals(400, response.status());
        assertTrue(((String) response.body().get("error")).startsWith(parts[1]), () -> "error was " + response.body());
        assertTableEmpty();
    }

    @Test
    void oversizedBody_gets413_andWritesNothing() {
        byte[] body = new byte[WebhookService.MAX_BODY_BYTES + 1];

        var response = webhooks.receive("generic", signedHeaders(body), body);

        assertEquals(413, response.status());
        assertTableEmpty();
    }

    // ---- authentication ----

    @Test
    void unauthenticatedRequests_get401_andWriteNothing() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("events/webhook-alertmanager-firing.json"));
        Map<String, String> wrongSignature = signedHeaders(body);
        wrongSignature.put("x-hikeshi-signature", "0".repeat(64));
        Map<String, String> staleTimestamp = signedHeaders(body, clock.instant().minusSeconds(600));

        List<Integer> statuses = List.of(
                webhooks.receive("alertmanager", Map.of(), body).status(),
                webhooks.receive("alertmanager", Map.of("authorization", "Bearer wrong"), body).status(),
                webhooks.receive("alertmanager", Map.of("authorization", "Basic " + SECRET), body).status(),
                webhooks.receive("nosuch", Map.of("authorization", "Bearer " + SECRET), body).status(),
                webhooks.receive("generic", Map.of(), body).status(),
                webhooks.receive("generic", wrongSignature, body).status(),
                webhooks.receive("generic", staleTimestamp, body).status());

        assertEquals(List.of(401, 401, 401, 401, 401, 401, 401), statuses);
        assertTableEmpty();
    }

    @Test
    void grafana_signedWithItsHmacScheme_isAccepted_andTheSignatureCoversTheTimestamp() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("events/webhook-grafana-firing.json"));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = hmac(timestamp + ":" + new String(body, StandardCharsets.UTF_8));
        Map<String, String> headers = Map.of("x-grafana-alerting-signature", signature,
                "x-grafana-alerting-signature-timestamp", timestamp);
        Map<String, String> replayedLater = Map.of("x-grafana-alerting-signature", signature,
                "x-grafana-alerting-signature-timestamp", Long.toString(Long.parseLong(timestamp) + 1));

        var accepted = webhooks.receive("grafana", headers, body);
        var tampered = webhooks.receive("grafana", replayedLater, body);

        assertEquals(202, accepted.status(), () -> accepted.body().toString());
        assertEquals(401, tampered.status());
        Incident incident = incident(1);
        assertEquals("RideBookingLatencyHigh", incident.title());
        assertEquals("ride-booking", incident.service());
        assertEquals(Severity.SEV3, incident.severity());
    }

    @Test
    void refusedRequest_logsWhyItWasRefused_butAnswersOnlyUnauthorized() throws Exception {
        // GIVEN an Alertmanager body sent with the wrong bearer token
        byte[] body = Files.readAllBytes(Path.of("events/webhook-alertmanager-firing.json"));

        // WHEN it arrives
        var response = webhooks.receive("alertmanager", Map.of("authorization", "Bearer wrong"), body);

        // THEN the sender cannot tell which part was wrong; the operator's log says it
        assertEquals(Map.of("error", "unauthorized"), response.body());
        assertEquals(List.of("WARN webhook refused integration=alertmanager reason=wrong bearer token"), log.lines());
    }

    @Test
    void handledRequest_logsOneLine_withItsOutcome() {
        // GIVEN nothing open yet
        // WHEN a signed generic trigger arrives
        generic("{\"action\":\"trigger\",\"dedupKey\":\"k9\",\"summary\":\"disk full\"}");

        // THEN one line tells the integration, how many alerts the body held and what became of the first
        assertEquals(List.of("INFO webhook handled integration=generic alerts=1 outcome=OPENED"), log.lines());
    }

    @Test
    void alertLackingFields_isOpened_andTheLogSaysWhatItLacked() {
        // GIVEN Datadog's default payload: no alert_id, no alert_transition
        byte[] body = ("{\"title\":\"[Triggered] Disk full on db-1\",\"body\":\"%%%\\ndisk 99%\\n%%%\","
                + "\"date\":\"1795000365000\",\"id\":\"42\"}").getBytes(StandardCharsets.UTF_8);

        // WHEN it arrives with the integration's token
        var response = bearer("datadog", body);

        // THEN it opens an incident, and the operator's log names what the monitor left out
        assertEquals("OPENED", outcome(response));
        assertEquals("WARN webhook alert incomplete integration=datadog alert=datadog:title:Disk full on db-1"
                + " missing=alert_transition, alert_id", log.lines().get(0));
    }

    // ---- service names: the declare form's rule (ServiceName) ----

    /** 5,000 characters, with mrkdwn in them: no service is named so. */
    private static final String LONG_SERVICE = "<!channel>-payment-&-api-".repeat(200);

    @Test
    void generic_serviceThatNamesNoService_gets400SayingWhatANameIs_andWritesNothing() {
        // GIVEN Hikeshi's own JSON format, whose sender reads the answer, with a 5,000-character service
        String body = "{\"action\":\"trigger\",\"summary\":\"x\",\"service\":\"" + LONG_SERVICE + "\"}";

        // WHEN it is sent
        var response = generic(body);

        // THEN it is refused, the error quoting the start of the service and saying what a service name is
        assertEquals(400, response.status());
        String error = (String) response.body().get("error");
        assertTrue(error.startsWith("service '<!channel>-payment-&-api-"), error);
        assertTrue(error.contains("must be a service name: lower-case letters, digits and '-', at most 63"), error);
        assertTrue(error.length() < 300, "the error quotes the service cut, not whole");
        assertTableEmpty();
    }

    @Test
    void generic_serviceInCapitalsWithBlanks_isTheServiceItNames() {
        // GIVEN a service written as people write it
        // WHEN the alert is sent
        var response = generic("{\"action\":\"trigger\",\"summary\":\"x\",\"service\":\" Payment-API \"}");

        // THEN it names the service as the declare form would take it
        assertEquals("OPENED", outcome(response));
        assertEquals("payment-api", incident(1).service());
    }

    @Test
    void datadog_serviceOf5000Characters_isAccepted_routingDecides_andTheTimelineKeepsItWhole() throws Exception {
        // GIVEN an authenticated Datadog alert (Datadog never retries a 4xx) whose service is 5,000 characters
        var payload = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                Files.readAllBytes(Path.of("events/webhook-datadog-triggered.json")));
        payload.put("service", LONG_SERVICE);

        // WHEN it arrives
        var response = bearer("datadog", JSON.writeValueAsBytes(payload));

        // THEN the incident opens for the service routing decides, and its timeline keeps the monitor's word whole
        assertEquals("OPENED", outcome(response));
        Incident incident = incident(1);
        assertEquals("unassigned", incident.service(), "the default route's service");
        assertTrue(storage.incidents().timeline(incident.id(), 10).stream()
                .anyMatch(e -> e.params().values().stream().anyMatch(v -> v.contains(LONG_SERVICE))),
                "the timeline notes the service as the monitor sent it");
    }

    @Test
    void alertmanager_jobLabelThatNamesNoService_isNoted_andRoutingDecides() throws Exception {
        // GIVEN an Alertmanager group whose service label is a sentence
        var payload = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                Files.readAllBytes(Path.of("events/webhook-alertmanager-firing.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) payload.path("commonLabels")).put("service", "Payment API (Tokyo)");

        // WHEN it arrives
        var response = bearer("alertmanager", JSON.writeValueAsBytes(payload));

        // THEN the incident opens; routing names the service, and the operator's log says which label was not one
        assertEquals("OPENED", outcome(response));
        assertEquals("unassigned", incident(1).service());
        assertTrue(log.lines().stream().anyMatch(l -> l.contains("service (Payment API (Tokyo))")), log.lines().toString());
    }

    // ---- SnapStart priming ----

    @ParameterizedTest
    @EnumSource(value = WebhookFormat.class, names = {"ALERTMANAGER", "GRAFANA", "DATADOG"})
    void priming_hasABundledSampleOfTheMonitorsFormat_thatParsesIntoAnAlert(WebhookFormat format) throws Exception {
        // GIVEN the sample bundled for this format, which prime() parses before the snapshot
        byte[] sample = WebhookService.primingSample(format);
        Integration integration = new Integration("primed", format, Integration.Auth.BEARER, "ssm:/primed", null, null);

        // WHEN it is parsed as that format
        var alerts = WebhookParser.of(format).parse(integration, JSON.readTree(sample), clock.instant());

        // THEN it was in the jar, and it is an alert (priming that skipped the parser would warm nothing)
        assertTrue(sample.length > 0, "no bundled sample for " + format);
        assertEquals(1, alerts.size());
    }

    // ---- Alertmanager and Datadog ----

    @Test
    void alertmanager_firingThenResolved_opensOneIncidentPerGroup_andRecovers() throws Exception {
        var firing = bearer("alertmanager", Files.readAllBytes(Path.of("events/webhook-alertmanager-firing.json")));
        var resolved = bearer("alertmanager", Files.readAllBytes(Path.of("events/webhook-alertmanager-resolved.json")));

        assertEquals("OPENED", outcome(firing));
        assertEquals("RECOVERED", outcome(resolved));
        Incident incident = incident(1);
        assertEquals("PaymentApiHighErrorRate", incident.title());
        assertEquals(Severity.SEV1, incident.severity());
        assertEquals("payment-api", incident.service());
        assertEquals(Status.MITIGATED, incident.status(), "a monitor's recovery mitigates unless auto-resolve is on");
    }

    @Test
    void datadog_triggeredThenRecovered_keyedByMonitorAndScope() throws Exception {
        var triggered = bearer("datadog", Files.readAllBytes(Path.of("events/webhook-datadog-triggered.json")));
        var recovered = bearer("datadog", Files.readAllBytes(Path.of("events/webhook-datadog-recovered.json")));

        assertEquals("OPENED", outcome(triggered));
        assertEquals("RECOVERED", outcome(recovered));
        Incident incident = incident(1);
        assertEquals("unlock", incident.service());
        assertEquals("Unlock API error ratio above 5%", incident.title(), "without Datadog's [Triggered on …] prefix");
        assertEquals(Severity.SEV1, incident.severity(), "alert_priority P1");
        assertEquals("datadog:12345678:region:ap-northeast-1,service:unlock", incident.alertKey());
    }

    @Test
    void alertmanagerStorm_500AlertsIn5Groups_opensExactly5Incidents() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<WebhookService.Response>> sends = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] body = AlertmanagerStorm.body(i % 5, i);
            sends.add(() -> bearer("alertmanager", body));
        }
        for (var f : pool.invokeAll(sends)) {
            assertEquals(202, f.get().status());
        }
        pool.shutdown();

        List<Incident> incidents = storage.search().recent(100);
        assertEquals(5, incidents.size());
        assertEquals(500, incidents.stream().mapToLong(Incident::occurrences).sum(), "every alert counted, none dropped");
    }

    @Test
    void stormGuard_groupsWhatIsOverTheLimit_ontoOneStormIncident_neverDropping() {
        webhooks = webhooks(3);
        for (int i = 0; i < 7; i++) {
            generic("{\"action\":\"trigger\",\"dedupKey\":\"host-" + i + "\",\"summary\":\"host " + i + " down\"}");
        }

        List<Incident> incidents = storage.search().recent(100);
        assertEquals(4, incidents.size(), "3 within the limit + 1 storm incident");
        Incident storm = incidents.stream().filter(i -> i.alertKey().startsWith("storm:")).findFirst().orElseThrow();
        assertEquals("Alert storm from generic", storm.title());
        assertEquals(4, storm.occurrences(), "the 4 alerts over the limit are all on it");
        assertEquals(4, storage.incidents().timeline(storm.id(), 100).size());
    }

    // ---- helpers ----

    private WebhookService.Response generic(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return webhooks.receive("generic", signedHeaders(bytes), bytes);
    }

    private WebhookService.Response bearer(String integration, byte[] body) {
        return webhooks.receive(integration, Map.of("authorization", "Bearer " + SECRET), body);
    }

    /** Signed as the monitor would sign it now, by the clock the authenticator checks against. */
    private Map<String, String> signedHeaders(byte[] body) {
        return signedHeaders(body, clock.instant());
    }

    static Map<String, String> signedHeaders(byte[] body, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        Map<String, String> headers = new HashMap<>();
        headers.put("x-hikeshi-timestamp", timestamp);
        headers.put("x-hikeshi-signature", "sha256=" + hmac(timestamp + ":" + new String(body, StandardCharsets.UTF_8)));
        return headers;
    }

    static String hmac(String message) {
        return HexFormat.of().formatHex(WebhookAuthenticator.hmacSha256(SECRET, message.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static String outcome(WebhookService.Response response) {
        assertEquals(202, response.status(), () -> response.body().toString());
        return ((List<Map<String, String>>) response.body().get("results")).get(0).get("outcome");
    }

    /** The lines the service logged, each as "LEVEL message key=value …". */
    private static final class RecordedLog implements WebhookLog {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message, Object... keyValues) {
            record("INFO", message, keyValues);
        }

        @Override
        public void warn(String message, Object... keyValues) {
            record("WARN", message, keyValues);
        }

        private void record(String level, String message, Object... keyValues) {
            StringBuilder line = new StringBuilder(level).append(' ').append(message);
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                line.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
            }
            lines.add(line.toString());
        }

        List<String> lines() {
            return List.copyOf(lines);
        }
    }

    private Incident incident(long number) {
        return storage.incidents().find(new IncidentId(number)).orElseThrow();
    }

    private void assertTableEmpty() {
        assertEquals(0, dynamo.scan(r -> r.tableName(table)).count(), "a refused request must write nothing");
    }
}
