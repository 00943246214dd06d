package io.hikeshi.web;

import io.hikeshi.core.testkit.MovableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.store.Storage;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whatever a query parameter says, the page answers: a value it cannot use is a 400 saying which, in the
 * reader's language, never a 500; and reading changes nothing. On DynamoDB Local, because a cursor or a
 * period the index query refuses is where a 500 came from.
 */
class BadParametersTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Messages ENGLISH = Messages.of(Messages.ENGLISH);
    private static final Messages JAPANESE = Messages.of(Messages.JAPANESE);

    private final MovableClock clock = new MovableClock(T0);
    private Storage storage;
    private WebApp web;

    @BeforeEach
    void setUp() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "web-bad-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        storage = DynamoDbStorage.on(dynamo, table, clock);
        web = new WebApp(new IncidentBrowser(storage, clock, TOKYO), null);
        IncidentService incidents = new IncidentService(storage, clock);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            incidents.declare("Payment API returns 5xx " + i, Severity.SEV2, "payment-api", null, "U0ALICE", null);
        }
    }

    @ParameterizedTest(name = "refused: {0} {1}={2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /            | from     | 2026-13-01                   | web.error.date
            /            | from     | 2026-02-30                   | web.error.date
            /            | from     | yesterday                    | web.error.date
            /            | from     | 2026/11/24                   | web.error.date
            /            | from     | 2026-11-24T00:00             | web.error.date
            /            | from     | +999999999-12-31             | web.error.date
            /            | to       | +999999999-12-31             | web.error.date
            /            | to       | -999999999-01-01             | web.error.date
            /            | from     | 0000-01-01                   | web.error.date
            /            | to       | 10000-01-01                  | web.error.date
            /            | to       | ' OR 1=1 --                  | web.error.date
            /metrics     | from     | +999999999-12-31             | web.error.date
            /metrics     | to       | +999999999-12-31             | web.error.date
            /metrics     | from     | 2026-99-99                   | web.error.date
            /export.csv  | to       | 9999-12-31x                  | web.error.date
            /export.json | from     | -0001-01-01                  | web.error.date
            /            | from     | 2026-12-01 & to=2026-11-01   | web.error.period
            /metrics     | from     | 2026-12-01 & to=2026-11-01   | web.error.period
            /export.json | from     | 2026-12-01 & to=2026-11-01   | web.error.period
            /            | cursor   | !!!                          | web.error.cursor
            /            | cursor   | AAAA                         | web.error.cursor
            /            | cursor   | b64:a                        | web.error.cursor
            /            | cursor   | b64:\\n\\n\\n                | web.error.cursor
            /            | cursor   | b64:a\\nb\\nc\\nd            | web.error.cursor
            /            | cursor   | b64:INC#1\\nMETA\\nINCIDENTS\\n0 | web.error.cursor
            /            | cursor   | b64:INC#1\\nMETA\\nINCIDENTS\\nzzzz | web.error.cursor
            /            | cursor   | b64:INC#1\\nMETA\\nOTHER\\n2026 | web.error.cursor
            /export.json | cursor   | %00                          | web.error.cursor
            /            | severity | SEV5                         | web.error.severity
            /            | severity | <script>                     | web.error.severity
            /export.csv  | severity | SEV1' OR '1'='1              | web.error.severity
            /            | status   | exploded                     | web.error.status
            /export.json | status   | resolved,closed              | web.error.status
            /export.json | limit    | many                         | web.error.limit
            /export.csv  | limit    | 99999999999999999999         | web.error.limit
            /export.csv  | limit    | 1e3                          | web.error.limit
            /export.json | limit    | 0x10                         | web.error.limit
            /            | lang     | fr                           | web.error.lang
            /metrics     | lang     | <script>alert(1)</script>    | web.error.lang
            /incidents/INC-0001 | lang | en\\r\\nSet-Cookie: x=1   | web.error.lang
            /            | q        | x{10000}                     | web.error.length
            /            | service  | x{10000}                     | web.error.length
            """)
    void badParameter_isA400SayingWhich_inTheReadersLanguage_andChangesNothing(String path, String name, String value,
                                                                            String refusal) {
        // GIVEN three incidents, and a request with one parameter no page can use
        Map<String, String> query = query(name, value);
        Messages reader = query.containsKey("lang") && !"en".equals(query.get("lang")) ? JAPANESE : ENGLISH;
        var before = storage.search().recent(10);

        // WHEN it is asked for
        WebApp.Response response = web.handle(new WebApp.Request("GET", path, query, null));

        // THEN a 400 whose page says what was wrong, in the reader's language, and the store is as it was
        assertEquals(400, response.status(), response.body());
        String message = reader.get(refusal, "\u0000", "\u0000").split("\u0000")[0];
        assertTrue(response.body().contains(escaped(message)), () -> "says " + message + ": " + response.body());
        assertEquals(before, storage.search().recent(10));
    }

    /**
     * The row's parameter, with {@code lang=en} unless the row is about {@code lang}; {@code b64:} values are
     * base64url-encoded (a cursor's form), {@code x{n}} is n x's, and {@code & name=value} adds a parameter.
     */
    private static Map<String, String> query(String name, String value) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("lang", "en");
        String[] more = value.split(" & ");
        query.put(name, decoded(more[0].strip()));
        for (int i = 1; i < more.length; i++) {
            String[] pair = more[i].split("=", 2);
            query.put(pair[0], pair[1]);
        }
        return query;
    }

    private static String decoded(String value) {
        String v = value.replace("\\n", "\n").replace("\\r", "\r").replace("\\u0000", "\u0000");
        if (v.matches("x\\{\\d+}")) {
            return "x".repeat(Integer.parseInt(v.substring(2, v.length() - 1)));
        }
        if (v.startsWith("b64:")) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(v.substring(4).getBytes(StandardCharsets.UTF_8));
        }
        return v;
    }

    /** A message as the page writes it in its text (HTML-escaped). */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
