package io.hikeshi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.web.WebApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Local mode answers with the deployed web function's security headers (its Content-Security-Policy
 * among them), whatever is asked and however it is answered: pages, exports, the local API, errors.
 */
class LocalModeHeadersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T04:12:00Z"), ZoneOffset.UTC);
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
        String table = "local-headers-" + UUID.randomUUID();
        IncidentTable.createIfMissing(dynamo, table);
        Composition app = Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo,
                reference -> "local-secret", NO_REMINDERS, CLOCK);
        server = new LocalServer(app, "127.0.0.1", 0)
                .withWeb(new WebApp(new IncidentBrowser(app.storage(), CLOCK, ZoneId.of("Asia/Tokyo")), null))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /                                      | 200
            GET  | /?lang=en                              | 200
            GET  | /metrics                               | 200
            GET  | /export.csv                            | 200
            GET  | /export.json                           | 200
            GET  | /incidents/INC-0001                    | 404
            GET  | /incidents/INC-0001/postmortem.md      | 404
            GET  | /incidents/not-an-id                   | 400
            GET  | /?from=2026-13-01                      | 400
            GET  | /?cursor=forged                        | 400
            GET  | /no/such/page                          | 404
            POST | /                                      | 405
            GET  | /api/incidents                         | 200
            GET  | /api/incidents/INC-0001                | 404
            GET  | /api/incidents/not-an-id               | 400
            GET  | /api/incidents/INC-0001/postmortem.md  | 404
            GET  | /aws/eventbridge                       | 405
            POST | /aws/eventbridge                       | 400
            GET  | /alerts/generic                        | 405
            """)
    void everyAnswer_carriesTheWebFunctionsSecurityHeaders(String method, String path, int status) throws Exception {
        // GIVEN local mode serving the web page and its API
        // WHEN anything is asked, answered or refused
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                                : HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN the answer is as before, and it carries the same security headers as the web function in AWS
        assertEquals(status, response.statusCode(), response.body());
        WebApp.SECURITY_HEADERS.forEach((name, value) ->
                assertEquals(value, response.headers().firstValue(name).orElse(null), name + " on " + path));
    }
}
