package io.hikeshi.local;

import io.hikeshi.handlers.lambda.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.handlers.wiring.Composition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Local mode over real HTTP: what a newcomer's curl sees. */
class LocalServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The samples in events/ happened on 2026-11-24 around 03:12 UTC: this server lives an hour later. */
    private static final Clock SAMPLES_TIME = Clock.fixed(Instant.parse("2026-11-24T04:12:00Z"), ZoneOffset.UTC);
    private static final ReminderScheduler NO_REMINDERS = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) {
            throw new AssertionError("nothing here resolves an incident: " + reminder);
        }

        @Override
        public void cancel(String reminderId) {
        }
    };
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "local-" + UUID.randomUUID();
        IncidentTable.createIfMissing(dynamo, table);
        server = new LocalServer(Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo,
                reference -> "local-secret", NO_REMINDERS, SAMPLES_TIME), "127.0.0.1", 0).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void postedAlarmEvent_showsUpAsAnIncidentWithItsTimeline() throws Exception {
        HttpResponse<String> posted = post("/aws/eventbridge", HttpRequest.BodyPublishers.ofFile(Path.of("events/alarm-metric-alarm.json")));
        post("/aws/eventbridge", HttpRequest.BodyPublishers.ofFile(Path.of("events/alarm-metric-ok.json")));

        assertEquals(200, posted.statusCode());
        assertEquals("INC-0001", JSON.readTree(posted.body()).path("incident").asText());
        JsonNode list = JSON.readTree(get("/api/incidents").body());
        assertEquals(1, list.path("incidents").size());
        JsonNode incident = JSON.readTree(get("/api/incidents/INC-0001").body());
        assertEquals("mitigated", incident.path("status").asText());
        assertEquals("payment-api", incident.path("service").asText());
        assertEquals(1705, incident.path("secondsToMitigate").asLong());
        assertEquals(2, incident.path("timeline").size());
        assertEquals("ALERT_RECOVERED", incident.path("timeline").get(1).path("kind").asText());
    }

    @Test
    void alertmanagerWebhook_withItsToken_opensAnIncident_withoutIt_401() throws Exception {
        var body = HttpRequest.BodyPublishers.ofFile(Path.of("events/webhook-alertmanager-firing.json"));
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/alerts/alertmanager")).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> authorised = http.send(HttpRequest.newBuilder(uri("/alerts/alertmanager"))
                .header("Authorization", "Bearer local-secret")
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("events/webhook-alertmanager-firing.json"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, anonymous.statusCode());
        assertEquals(202, authorised.statusCode(), authorised.body());
        assertEquals("OPENED", JSON.readTree(authorised.body()).path("results").get(0).path("outcome").asText());
        assertEquals("PaymentApiHighErrorRate",
                JSON.readTree(get("/api/incidents/INC-0001").body()).path("title").asText());
    }

    @Test
    void malformedEvent_gets400WithTheReason() throws Exception {
        HttpResponse<String> response = post("/aws/eventbridge", HttpRequest.BodyPublishers.ofString("{\"source\":1}"));

        assertEquals(400, response.statusCode());
        assertEquals("source must be a non-empty string, was number", JSON.readTree(response.body()).path("error").asText());
        assertEquals(0, JSON.readTree(get("/api/incidents").body()).path("incidents").size());
    }

    @Test
    void unknownOrMalformedIncidentIds_get404And400() throws Exception {
        assertEquals(404, get("/api/incidents/INC-0099").statusCode());
        assertEquals(400, get("/api/incidents/banana").statusCode());
        assertEquals(405, post("/api/incidents", HttpRequest.BodyPublishers.noBody()).statusCode());
    }

    @Test
    void optionsParser_refusesUnknownOptionsAndBadPorts() {
        assertEquals(9000, LocalMain.Options.parse(new String[] {"--port", "9000"}).port);
        assertTrue(LocalMain.Options.parse(new String[] {"--auto-resolve"}).autoResolve);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LocalMain.Options.parse(new String[] {"--port", "http"}));
        assertTrue(e.getMessage().contains("--port"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LocalMain.Options.parse(new String[] {"--verbose"}));
    }

    @Test
    void hostOptions_bindLoopbackByDefault_andAllowOnlyNamesAsAHostHeaderCarriesThem() {
        // GIVEN no --host: this machine only, nothing beyond 127.0.0.1 and localhost answered
        LocalMain.Options defaults = LocalMain.Options.parse(new String[0]);
        assertEquals("127.0.0.1", defaults.host);
        assertTrue(defaults.listensOnThisMachineOnly());
        assertEquals(java.util.List.of(), defaults.extraHosts());

        // WHEN told to listen on every address, or on one other machines use, with a tunnel's name added
        LocalMain.Options everywhere = LocalMain.Options.parse(new String[] {"--host", "0.0.0.0"});
        LocalMain.Options lan = LocalMain.Options.parse(new String[] {"--host", "192.0.2.10", "--allow-host", "abc.tunnel.example"});

        // THEN it is no longer this machine only (the warning is printed), links name a reachable address,
        // and the names answered are those given
        assertTrue(!everywhere.listensOnThisMachineOnly() && !lan.listensOnThisMachineOnly());
        assertEquals("127.0.0.1", everywhere.linkHost());
        assertEquals(java.util.List.of(), everywhere.extraHosts());
        assertEquals(java.util.List.of("abc.tunnel.example", "192.0.2.10"), lan.extraHosts());
        // AND a URL where a name belongs is refused with the option's name
        for (String notAName : new String[] {"https://abc.tunnel.example", "abc.tunnel.example/", "a b", ""}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> LocalMain.Options.parse(new String[] {"--allow-host", notAName}));
            assertTrue(e.getMessage().contains("--allow-host"), e.getMessage());
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
