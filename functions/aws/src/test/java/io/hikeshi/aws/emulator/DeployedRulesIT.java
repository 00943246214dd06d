package io.hikeshi.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.aws.eventbridge.EventBridgeEventBus;
import io.hikeshi.aws.sqs.DeadLetterRedrive;
import io.hikeshi.core.event.DomainEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The war-room rule exactly as template.yaml deploys it, on the emulator's EventBridge: it routes
 * the events the war room handles and no others; and the dead-letter redrive puts parked events
 * back on the bus once.
 */
class DeployedRulesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every event's time; neither the rule nor the redrive looks at it. */
    private static final Instant AT = Instant.parse("2026-11-24T03:12:45Z");
    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static String bus;

    @BeforeEach
    void emulator() {
        Emulator.endpoint();
        if (events == null) {
            events = Emulator.eventBridge();
            sqs = Emulator.sqs();
            bus = AwsFixtures.createBus(events, AwsFixtures.uniqueName("hikeshi-rules"));
        }
    }

    @AfterAll
    static void close() {
        if (events != null) {
            AwsFixtures.quietly(() -> events.deleteEventBus(r -> r.name(bus)));
        }
    }

    static JsonNode warRoomPattern() throws Exception {
        Path template = Files.exists(Path.of("template.yaml")) ? Path.of("template.yaml") : Path.of("../../template.yaml");
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(template.toFile());
        return root.at("/Resources/WarRoomFunction/Properties/Events/IncidentEvents/Properties/Pattern");
    }

    @Test
    void templatesWarRoomRule_routesTheEventsItNames_andNoOthers() throws Exception {
        JsonNode pattern = warRoomPattern();
        AwsFixtures.RuleToQueue rule = AwsFixtures.createRuleToQueue(events, sqs, bus, pattern.toString());
        List<DomainEvent> everyType = Arrays.stream(DomainEvent.Type.values())
                .map(t -> new DomainEvent(UUID.randomUUID().toString(), t, "INC-0042", AT,
                        Map.of("severity", "SEV2", "service", "payment-api")))
                .toList();
        Set<String> routed = new TreeSet<>();
        pattern.path("detail-type").forEach(n -> routed.add(n.asText()));

        new EventBridgeEventBus(events, bus).publish(everyType);
        List<Message> arrived = AwsFixtures.receive(sqs, rule.queueUrl(), routed.size(), Duration.ofSeconds(20), Duration.ofSeconds(2));

        Set<String> arrivedTypes = new TreeSet<>();
        for (Message m : arrived) {
            arrivedTypes.add(JSON.readTree(m.body()).path("detail-type").asText());
        }
        assertEquals(routed, arrivedTypes);
        assertEquals(routed.size(), arrived.size(), "each once");
    }

    @Test
    void redrive_putsParkedEventsBackOnTheBusOnce_andEmptiesTheQueue() throws Exception {
        AwsFixtures.RuleToQueue rule = AwsFixtures.createRuleToQueue(events, sqs, bus, warRoomPattern().toString());
        String dlq = AwsFixtures.createQueue(sqs, AwsFixtures.uniqueName("hikeshi-dlq"));
        DomainEvent opened = new DomainEvent("ev-1", DomainEvent.Type.INCIDENT_OPENED, "INC-0042", AT, Map.of());
        DomainEvent resolved = new DomainEvent("ev-2", DomainEvent.Type.INCIDENT_RESOLVED, "INC-0042", AT.plusSeconds(60), Map.of());
        String asEventBridgeParksIt = envelope(opened);
        String asLambdaParksIt = "{\"version\":\"1.0\",\"requestContext\":{\"condition\":\"RetriesExhausted\"},\"requestPayload\":"
                + envelope(resolved) + ",\"responsePayload\":{\"errorMessage\":\"Slack unavailable\"}}";
        sqs.sendMessage(r -> r.queueUrl(dlq).messageBody(asEventBridgeParksIt));
        sqs.sendMessage(r -> r.queueUrl(dlq).messageBody(asLambdaParksIt));
        sqs.sendMessage(r -> r.queueUrl(dlq).messageBody("{\"not\":\"an event\"}"));
        List<String> log = new ArrayList<>();

        DeadLetterRedrive.Result first = new DeadLetterRedrive(sqs, events).redrive(dlq, bus, false, log::add);
        DeadLetterRedrive.Result second = new DeadLetterRedrive(sqs, events).redrive(dlq, bus, false, log::add);
        List<Message> arrived = AwsFixtures.receive(sqs, rule.queueUrl(), 2, Duration.ofSeconds(20), Duration.ofSeconds(2));

        assertEquals(2, first.redriven());
        assertEquals(1, first.skipped(), "a message that is not an event is left alone, and said so");
        assertEquals(0, second.redriven(), "nothing twice");
        Set<String> ids = new TreeSet<>();
        for (Message m : arrived) {
            ids.add(JSON.readTree(m.body()).path("detail").path("id").asText());
        }
        assertEquals(Set.of("ev-1", "ev-2"), ids);
    }

    private static String envelope(DomainEvent event) {
        return "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"" + event.type().detailType()
                + "\",\"source\":\"" + DomainEvent.SOURCE + "\",\"account\":\"123456789012\",\"time\":\"" + event.at() + "\","
                + "\"region\":\"ap-northeast-1\",\"resources\":[],\"detail\":" + DomainEventCodec.encode(event) + "}";
    }
}
