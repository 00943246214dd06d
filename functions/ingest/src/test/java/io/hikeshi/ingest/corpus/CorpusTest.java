package io.hikeshi.ingest.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.store.Storage;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.ingest.alarm.AlarmEventParser;
import io.hikeshi.ingest.config.AlertRoutingConfig;
import io.hikeshi.ingest.corpus.Corpus.Case;
import io.hikeshi.ingest.corpus.Corpus.Delivery;
import io.hikeshi.ingest.webhook.IntegrationsConfig;
import io.hikeshi.ingest.webhook.WebhookAuthenticator;
import io.hikeshi.ingest.webhook.WebhookLog;
import io.hikeshi.ingest.webhook.WebhookService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.threeten.extra.MutableClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every payload of the corpus (real monitors' payloads, corpus/SOURCES.md says where each comes
 * from) through the real authentication, parsing and intake on DynamoDB Local, as the functions wire
 * them; each must do what its sender meant. The outcomes are written to
 * {@code target/corpus-report.md}, one row per payload.
 */
class CorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "corpus-secret";
    private static final List<String> REPORT = new CopyOnWriteArrayList<>();

    static Stream<Case> corpus() {
        return Corpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachPayload_doesWhatItsSenderMeant(Case c) throws IOException {
        // GIVEN an empty store and a clock at the moment the monitor delivered this payload
        MutableClock clock = MutableClock.of(c.deliveredAt(), ZoneOffset.UTC);
        Storage storage = storage(clock);
        Intake intake = new Intake(storage, clock);

        // WHEN its deliveries arrive, in order
        String outcome = null;
        for (Delivery d : c.deliveries()) {
            outcome = intake.deliver(c.integration(), d.body());
        }

        // THEN the last one's outcome, and the incident, are what the sender meant
        assertEquals(c.expect().outcome(), outcome);
        Incident incident = storage.search().recent(10).get(0);
        assertEquals(1, storage.search().recent(10).size(), "one incident per alert key");
        assertEquals(c.expect().title(), incident.title());
        assertEquals(c.expect().service(), incident.service());
        assertEquals(c.expect().severity(), incident.severity());
        List<TimelineEntry> timeline = storage.incidents().timeline(incident.id(), 50);
        assertEquals(c.expect().summary(), timeline.get(0).text(), "what the monitor said, on the opening entry");
        assertEquals(c.expect().missingNote(), missingNote(timeline), "what was noted as missing");
        c.expect().details().forEach((key, value) -> assertEquals(value, timeline.get(0).attributes().get(key), key));
        c.extra().check(incident, timeline);
        REPORT.add(row(c, outcome, incident, timeline));
    }

    @org.junit.jupiter.api.Test
    void stormPayload_isOverTheOld256KiBLimit_andWithinLambdas() {
        // GIVEN the derived storm of 3000 alerts in one group
        int size = Corpus.storm(3000).body().length;

        // THEN it is a body the old limit refused with 413, and Lambda's 6 MB still carries
        assertTrue(size > 256 * 1024 && size <= WebhookService.MAX_BODY_BYTES, () -> size + " bytes");
    }

    private static Storage storage(MutableClock clock) {
        DynamoDbClient dynamo = EmbeddedDynamoDb.shared().client();
        String table = "corpus-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        return DynamoDbStorage.on(dynamo, table, clock);
    }

    /** The English note of what the monitor left out, or "" when nothing was. */
    private static String missingNote(List<TimelineEntry> timeline) {
        return timeline.stream().filter(e -> e.entryId().endsWith("#missing"))
                .map(e -> TimelineText.render(e, Messages.of(Messages.ENGLISH))).findFirst().orElse("");
    }

    private static String row(Case c, String outcome, Incident incident, List<TimelineEntry> timeline) {
        String noted = missingNote(timeline);
        return "| " + c.name() + " | " + c.source() + " | " + outcome + ": \"" + incident.title() + "\", "
                + incident.service() + ", " + incident.severity()
                + (timeline.get(0).attributes().containsKey("alerts") ? ", alerts counted: "
                + timeline.get(0).attributes().get("alerts") : "") + (noted.isEmpty() ? "" : "; noted: " + noted) + " |";
    }

    @AfterAll
    static void writeReport() throws IOException {
        StringBuilder report = new StringBuilder("| payload | source | outcome |\n|---|---|---|\n");
        REPORT.stream().sorted().forEach(line -> report.append(line).append('\n'));
        Path out = Path.of("functions/ingest/target/corpus-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** The functions' wiring: the bundled integrations and alarm routes; every secret is {@link #SECRET}. */
    private static final class Intake {
        private final WebhookService webhooks;
        private final AlarmEventParser alarms = new AlarmEventParser();
        private final AlertIntakeService intake;
        private final MutableClock clock;

        Intake(Storage storage, MutableClock clock) {
            this.clock = clock;
            this.intake = new AlertIntakeService(storage, AlertRoutingConfig.load(null), false);
            this.webhooks = new WebhookService(IntegrationsConfig.load(JSON, null),
                    new WebhookAuthenticator(reference -> SECRET, clock), intake, JSON, clock, QUIET);
        }

        /** @return the outcome of the delivery's first alert */
        String deliver(String integration, byte[] body) {
            if (integration.equals("cloudwatch")) {
                AlarmEventParser.Delivery d = alarms.parse(body);
                return intake.receive(d.alert(), d.eventId()).kind().name();
            }
            WebhookService.Response response = webhooks.receive(integration, headers(integration, body), body);
            assertEquals(202, response.status(), () -> response.body().toString());
            @SuppressWarnings("unchecked")
            var results = (List<Map<String, String>>) response.body().get("results");
            return results.get(0).get("outcome");
        }

        /** As each monitor authenticates: Grafana signs (with the timestamp header its own docs name); the others send a token. */
        private Map<String, String> headers(String integration, byte[] body) {
            if (!integration.equals("grafana")) {
                return Map.of("authorization", "Bearer " + SECRET);
            }
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            byte[] signed = (timestamp + ":" + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            return Map.of("x-grafana-alerting-signature",
                    HexFormat.of().formatHex(WebhookAuthenticator.hmacSha256(SECRET, signed)),
                    "x-grafana-alerting-timestamp", timestamp);
        }
    }

    private static final WebhookLog QUIET = new WebhookLog() {
        @Override
        public void info(String message, Object... keyValues) { }

        @Override
        public void warn(String message, Object... keyValues) { }
    };

    static void assertHashedKeyKeepsTheOriginal(Incident incident, List<TimelineEntry> timeline, String prefix) {
        assertTrue(incident.alertKey().startsWith(prefix + ":sha256:"), incident.alertKey());
        assertTrue(timeline.get(0).attributes().get(Alert.ORIGINAL_KEY).length() > Alert.MAX_KEY_BYTES,
                "the original key is kept with the entry");
    }
}
