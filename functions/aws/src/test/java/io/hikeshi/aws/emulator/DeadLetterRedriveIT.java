package io.hikeshi.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.aws.eventbridge.EventBridgeEventBus;
import io.hikeshi.aws.sqs.DeadLetterRedrive;
import io.hikeshi.core.event.DomainEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * DeadLetterRedrive against an emulator, with a real bus, a rule on it whose target is a queue, and a
 * dead-letter queue: parked events of both shapes go back on the bus and only then leave the
 * dead-letter queue; whatever the bus refuses stays there, and a dry run changes nothing. The bus
 * refuses for real in both refusal tests (no rewritten responses): per entry for an event without a
 * source, and the whole call for a bus that does not exist.
 */
class DeadLetterRedriveIT {

    /** Routes everything Hikeshi publishes, so each redriven event shows up at the target. */
    static final String EVERY_HIKESHI_EVENT = "{\"source\":[\"" + DomainEvent.SOURCE + "\"]}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static String bus;

    private AwsFixtures.RuleToQueue target;
    private String dlq;
    private final List<String> log = new ArrayList<>();

    /** Per test, not in @BeforeAll: Surefire/Failsafe report a skip there as "Tests run: 0" without the reason. */
    @BeforeEach
    void emulator() {
        Emulator.endpoint(); // skips with the reason when there is no emulator
        if (events == null) {
            System.out.println("emulator: " + Emulator.describe());
            events = Emulator.eventBridge();
            sqs = Emulator.sqs();
            bus = AwsFixtures.createBus(events, AwsFixtures.uniqueName("hikeshi-redrive"));
        }
        target = AwsFixtures.createRuleToQueue(events, sqs, bus, EVERY_HIKESHI_EVENT);
        dlq = AwsFixtures.createQueue(sqs, AwsFixtures.uniqueName("hikeshi-war-room-dlq"));
    }

    @AfterEach
    void cleanUp() {
        if (target != null) {
            AwsFixtures.quietly(() -> events.removeTargets(r -> r.rule(target.ruleName()).eventBusName(bus).ids("queue")));
            AwsFixtures.quietly(() -> events.deleteRule(r -> r.name(target.ruleName()).eventBusName(bus)));
            AwsFixtures.quietly(() -> sqs.deleteQueue(r -> r.queueUrl(target.queueUrl())));
        }
        if (dlq != null) {
            AwsFixtures.quietly(() -> sqs.deleteQueue(r -> r.queueUrl(dlq)));
        }
    }

    @AfterAll
    static void close() {
        if (events != null) {
            AwsFixtures.quietly(() -> events.deleteEventBus(r -> r.name(bus)));
            events.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void redrive_putsBothShapesBackOnTheBus_andDeletesThemFromTheQueue() throws Exception {
        // GIVEN the event as EventBridge parks it, and Lambda's on-failure record with the event inside
        String parkedByEventBridge = sampleOpened();
        String parkedByLambda = lambdaFailureRecord(envelope(RESOLVED));
        park(parkedByEventBridge, parkedByLambda);

        // WHEN the redrive runs
        DeadLetterRedrive.Result result = new DeadLetterRedrive(sqs, events).redrive(dlq, bus, false, log::add);

        // THEN both events reach the rule's target with their source, detail-type and detail as parked
        assertEquals(new DeadLetterRedrive.Result(2, 0), result, "log: " + log);
        List<JsonNode> arrived = bodies(AwsFixtures.receive(sqs, target.queueUrl(), 2, ARRIVAL, SETTLE));
        List<JsonNode> parked = List.of(JSON.readTree(parkedByEventBridge), JSON.readTree(parkedByLambda).get("requestPayload"));
        assertEquals(summaries(parked), summaries(arrived));
        assertEquals(RESOLVED, DomainEventCodec.decode(arrived.stream()
                .filter(e -> e.path("detail-type").asText().equals("Incident Resolved")).findFirst().orElseThrow().get("detail")));

        // AND the dead-letter queue is empty: nothing visible, nothing left in flight
        assertEquals(new AwsFixtures.Depth(0, 0), AwsFixtures.depth(sqs, dlq));
        assertTrue(log.contains("redriving Incident Resolved INC-0042 (" + RESOLVED.id() + ")"), "log: " + log);
    }

    @Test
    void redrive_leavesTheMessageVisibleInTheQueue_whenTheBusRefusesItsEntry() throws Exception {
        // GIVEN a parked event the bus refuses (no source: EventBridge rejects the entry, FailedEntryCount 1,
        // while the adapter only checks that source is a string), beside one it accepts
        ObjectNode sourceless = (ObjectNode) JSON.readTree(envelope(OPENED));
        sourceless.put("source", "");
        String refused = lambdaFailureRecord(sourceless.toString());
        String accepted = envelope(RESOLVED);
        Map<String, String> ids = park(refused, accepted);

        // WHEN the redrive runs
        DeadLetterRedrive.Result result = new DeadLetterRedrive(sqs, events).redrive(dlq, bus, false, log::add);

        // THEN the accepted event is redriven and the refused one is counted as skipped, saying why
        assertEquals(new DeadLetterRedrive.Result(1, 1), result, "log: " + log);
        assertTrue(log.contains("bus refused " + ids.get(refused) + ": InvalidArgument; left in the queue"), "log: " + log);
        List<JsonNode> arrived = bodies(AwsFixtures.receive(sqs, target.queueUrl(), 1, ARRIVAL, SETTLE));
        assertEquals(summaries(List.of(JSON.readTree(accepted))), summaries(arrived));

        // AND the refused message is still in the queue, visible again at once, as it was parked
        assertEquals(new AwsFixtures.Depth(1, 0), AwsFixtures.depth(sqs, dlq));
        assertEquals(List.of(refused), AwsFixtures.peek(sqs, dlq, 1, ARRIVAL).stream().map(Message::body).toList());
    }

    @Test
    void redrive_stopsAndDeletesNothing_whenTheBusDoesNotExist_andARunOnTheRightBusRedrivesEverything() throws Exception {
        // GIVEN parked events and a bus name with a typo
        String opened = sampleOpened();
        String resolved = lambdaFailureRecord(envelope(RESOLVED));
        park(opened, resolved);
        String typo = bus + "-typo";

        // WHEN the redrive runs against it
        EventBridgeException refused = assertThrows(EventBridgeException.class,
                () -> new DeadLetterRedrive(sqs, events).redrive(dlq, typo, false, log::add));

        // THEN the run stops with the bus's error (moto: ResourceNotFoundException), and both messages are
        // still in the queue: the ones received stay hidden only for the redrive's visibility timeout
        assertTrue(refused.getMessage().contains(typo), refused.getMessage());
        assertEquals(2, AwsFixtures.depth(sqs, dlq).total(), "nothing deleted");
        assertEquals(List.of(opened, resolved), AwsFixtures.peek(sqs, dlq, 2, Duration.ofSeconds(60)).stream()
                .map(Message::body).sorted(bodyOrder(opened, resolved)).toList(), "both visible again, as parked");

        // AND a run with the right bus name redrives both and empties the queue
        assertEquals(new DeadLetterRedrive.Result(2, 0), new DeadLetterRedrive(sqs, events).redrive(dlq, bus, false, log::add));
        assertEquals(2, AwsFixtures.receive(sqs, target.queueUrl(), 2, ARRIVAL, SETTLE).size());
        assertEquals(new AwsFixtures.Depth(0, 0), AwsFixtures.depth(sqs, dlq));
    }

    @Test
    void redrive_inADryRun_putsNothingOnTheBus_andLeavesEveryMessageVisible() throws Exception {
        // GIVEN both shapes of parked event, and a message that is not an event at all
        String opened = sampleOpened();
        String resolved = lambdaFailureRecord(envelope(RESOLVED));
        String notAnEvent = "{\"not\":\"an event\"}";
        park(opened, resolved, notAnEvent);

        // WHEN a dry run looks at them
        DeadLetterRedrive.Result result = new DeadLetterRedrive(sqs, events).redrive(dlq, bus, true, log::add);

        // THEN it says what it would redrive and what it would skip
        assertEquals(new DeadLetterRedrive.Result(2, 1), result, "log: " + log);
        assertTrue(log.contains("would redrive Incident Resolved INC-0042 (" + RESOLVED.id() + ")"), "log: " + log);

        // AND nothing reached the bus
        assertEquals(List.of(), AwsFixtures.receive(sqs, target.queueUrl(), 0, ARRIVAL, SETTLE));

        // AND every message is still in the queue, visible again at once, unchanged
        assertEquals(new AwsFixtures.Depth(3, 0), AwsFixtures.depth(sqs, dlq));
        assertEquals(List.of(opened, resolved, notAnEvent), AwsFixtures.peek(sqs, dlq, 3, ARRIVAL).stream()
                .map(Message::body).sorted(bodyOrder(opened, resolved, notAnEvent)).toList());
    }

    @Test
    void redrive_leavesWhatIsNoHikeshiEvent_visibleInTheQueue() throws Exception {
        // GIVEN a CloudWatch alarm event (AWS's own source cannot be put on a bus) and something that is no event
        String alarm = Files.readString(events().resolve("alarm-metric-alarm.json"));
        String notJson = "Slack unavailable";
        Map<String, String> ids = park(alarm, notJson);

        // WHEN the redrive runs
        DeadLetterRedrive.Result result = new DeadLetterRedrive(sqs, events).redrive(dlq, bus, false, log::add);

        // THEN both are skipped, each named in the log, and both stay in the queue, visible
        assertEquals(new DeadLetterRedrive.Result(0, 2), result, "log: " + log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("skipped " + ids.get(alarm) + ": events from AWS services")), "log: " + log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("skipped " + ids.get(notJson) + ": not an EventBridge event")), "log: " + log);
        assertEquals(new AwsFixtures.Depth(2, 0), AwsFixtures.depth(sqs, dlq));
        assertEquals(List.of(), AwsFixtures.receive(sqs, target.queueUrl(), 0, ARRIVAL, SETTLE));
    }

    // ---- the parked messages ------------------------------------------------------------------

    /** One fixed instant for every event here; the redrive never looks at times. */
    static final Instant AT = Instant.parse("2026-11-24T03:41:10.456Z");
    static final DomainEvent OPENED = new DomainEvent("evt-opened-0042", DomainEvent.Type.INCIDENT_OPENED, "INC-0042", AT,
            Map.of("severity", "SEV2", "service", "payment-api", "title", "決済APIが5xxを返す 🔥"));
    static final DomainEvent RESOLVED = new DomainEvent("evt-resolved-0042", DomainEvent.Type.INCIDENT_RESOLVED, "INC-0042",
            AT.plusSeconds(1800), Map.of("actor", "U0BOB"));

    /** Sends each body to the dead-letter queue; returns body → message id. */
    private Map<String, String> park(String... bodies) {
        Map<String, String> ids = new java.util.HashMap<>();
        for (String body : bodies) {
            ids.put(body, sqs.sendMessage(r -> r.queueUrl(dlq).messageBody(body)).messageId());
        }
        return ids;
    }

    /** The sample incident-opened event as EventBridge delivers it (and parks it in a rule's DLQ). */
    private static String sampleOpened() throws Exception {
        return Files.readString(events().resolve("eventbridge-incident-opened.json"));
    }

    private static Path events() {
        return Files.exists(Path.of("events")) ? Path.of("events") : Path.of("../../events");
    }

    /** The event in EventBridge's envelope, as the bus delivers it. */
    private static String envelope(DomainEvent event) throws Exception {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", "0d0b5e7c-" + event.id());
        envelope.put("detail-type", event.type().detailType());
        envelope.put("source", DomainEvent.SOURCE);
        envelope.put("account", "123456789012");
        envelope.put("time", event.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        envelope.put("region", "ap-northeast-1");
        envelope.putArray("resources");
        envelope.set("detail", JSON.readTree(DomainEventCodec.encode(event)));
        return envelope.toString();
    }

    /** Lambda's on-failure destination record for an asynchronous invocation that ran out of retries. */
    private static String lambdaFailureRecord(String event) throws Exception {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", AT.plusSeconds(3600).toString());
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", "e4b46cbf-b738-xmpl-8880-a18cdf61200e");
        request.put("functionArn", "arn:aws:lambda:ap-northeast-1:123456789012:function:hikeshi-war-room:$LATEST");
        request.put("condition", "RetriesExhausted");
        request.put("approximateInvokeCount", 3);
        record.set("requestPayload", JSON.readTree(event));
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "Unhandled");
        record.putObject("responsePayload").put("errorMessage", "Slack unavailable: 503").put("errorType", "SlackApiException");
        return record.toString();
    }

    // ---- what arrived ---------------------------------------------------------------------------

    private static List<JsonNode> bodies(List<Message> messages) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (Message m : messages) {
            out.add(JSON.readTree(m.body()));
        }
        return out;
    }

    /** What the redrive must carry over, per event: source, detail-type and detail (sorted by detail-type). */
    private static List<JsonNode> summaries(List<JsonNode> events) {
        return events.stream()
                .map(e -> (JsonNode) JSON.createObjectNode().put("source", e.path("source").asText())
                        .put("detail-type", e.path("detail-type").asText()).set("detail", e.get("detail")))
                .sorted(java.util.Comparator.comparing(e -> e.path("detail-type").asText()))
                .toList();
    }

    /** Orders message bodies as listed (SQS standard queues do not keep order). */
    private static java.util.Comparator<String> bodyOrder(String... bodies) {
        List<String> order = List.of(bodies);
        return java.util.Comparator.comparingInt(order::indexOf);
    }
}
