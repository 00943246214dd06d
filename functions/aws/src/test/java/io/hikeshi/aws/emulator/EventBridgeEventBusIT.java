package io.hikeshi.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.aws.eventbridge.EventBridgeEventBus;
import io.hikeshi.core.event.DomainEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** EventBridgeEventBus against an emulator: a rule on the custom bus routes matching events to a queue. */
class EventBridgeEventBusIT {

    /**
     * The rule's pattern, as template.yaml gives it (source plus a detail-type list). Another
     * pattern can be checked the same way through {@link #publishThrough}.
     */
    static final String OPENED_OR_SEVERITY_PATTERN =
            "{\"source\":[\"hikeshi.incidents\"],\"detail-type\":[\"Incident Opened\",\"Incident Severity Changed\"]}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static String bus;

    /** Per test, not in @BeforeAll: Surefire/Failsafe report a skip there as "Tests run: 0" without the reason. */
    @BeforeEach
    void emulator() {
        Emulator.endpoint(); // skips with the reason when there is no emulator
        if (events == null) {
            System.out.println("emulator: " + Emulator.describe());
            events = Emulator.eventBridge();
            sqs = Emulator.sqs();
            bus = AwsFixtures.createBus(events, AwsFixtures.uniqueName("hikeshi-bus"));
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
    void theRuleOnTheCustomBusRoutesOnlyMatchingDetailTypesToTheQueue() throws Exception {
        Instant at = Instant.parse("2026-03-01T09:15:30.123Z");
        DomainEvent opened = new DomainEvent("evt-1", DomainEvent.Type.INCIDENT_OPENED, "INC-0042", at,
                Map.of("severity", "SEV2", "status", "OPEN", "service", "checkout", "title", "決済が遅い \"p99\" > 2s"));
        DomainEvent severity = new DomainEvent("evt-2", DomainEvent.Type.SEVERITY_CHANGED, "INC-0042", at.plusSeconds(60),
                Map.of("severity", "SEV1", "previous", "SEV2", "actor", "U123"));
        DomainEvent timeline = new DomainEvent("evt-3", DomainEvent.Type.TIMELINE_ENTRY_ADDED, "INC-0042", at.plusSeconds(90),
                Map.of("summary", "rolled back"));

        List<Delivered> delivered = publishThrough(OPENED_OR_SEVERITY_PATTERN, List.of(opened, severity, timeline), 2);

        assertEquals(2, delivered.size(), "exactly the Opened and Severity Changed events arrive: " + delivered);
        assertEquals(List.of(opened, severity), delivered.stream().map(Delivered::event).toList());
        for (Delivered d : delivered) {
            assertEquals(DomainEvent.SOURCE, d.envelope().path("source").asText());
            assertEquals(d.event().type().detailType(), d.envelope().path("detail-type").asText());
            assertEquals(d.event().at().truncatedTo(ChronoUnit.SECONDS), Instant.parse(d.envelope().path("time").asText()),
                    "the envelope's time is the event's (to the second)");
        }
    }

    @Test
    void moreThanTenEventsGoInChunksAndAllArrive() throws Exception {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        List<DomainEvent> batch = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            batch.add(new DomainEvent("evt-bulk-" + i, DomainEvent.Type.INCIDENT_OPENED, "INC-%04d".formatted(i),
                    at.plusSeconds(i), Map.of("severity", "SEV3")));
        }

        List<Delivered> delivered = publishThrough(OPENED_OR_SEVERITY_PATTERN, batch, batch.size());

        assertEquals(batch, delivered.stream().map(Delivered::event)
                .sorted(Comparator.comparing(e -> Integer.parseInt(e.id().substring("evt-bulk-".length())))).toList());
    }

    /** One event as it reached the rule's queue: the EventBridge envelope and its parsed detail. */
    record Delivered(JsonNode envelope, DomainEvent event) {
    }

    /**
     * Makes a rule with {@code patternJson} on the bus targeting a new queue, publishes {@code sent}
     * through {@link EventBridgeEventBus}, and returns what reached the queue within 20 s (in
     * arrival order, listening 2 s more once {@code expected} have arrived).
     */
    static List<Delivered> publishThrough(String patternJson, List<DomainEvent> sent, int expected) throws Exception {
        AwsFixtures.RuleToQueue rule = AwsFixtures.createRuleToQueue(events, sqs, bus, patternJson);
        try {
            new EventBridgeEventBus(events, bus).publish(sent);
            List<Message> messages = AwsFixtures.receive(sqs, rule.queueUrl(), expected, Duration.ofSeconds(20), Duration.ofSeconds(2));
            List<Delivered> delivered = new ArrayList<>();
            for (Message m : messages) {
                JsonNode envelope = JSON.readTree(m.body());
                delivered.add(new Delivered(envelope, DomainEventCodec.decode(envelope.get("detail"))));
            }
            return delivered;
        } finally {
            AwsFixtures.quietly(() -> events.removeTargets(r -> r.rule(rule.ruleName()).eventBusName(bus).ids("queue")));
            AwsFixtures.quietly(() -> events.deleteRule(r -> r.name(rule.ruleName()).eventBusName(bus)));
            AwsFixtures.quietly(() -> sqs.deleteQueue(r -> r.queueUrl(rule.queueUrl())));
        }
    }
}
