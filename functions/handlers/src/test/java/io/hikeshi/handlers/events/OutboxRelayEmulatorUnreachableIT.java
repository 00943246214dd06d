package io.hikeshi.handlers.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.hikeshi.handlers.LambdaEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.emulator.AwsFixtures;
import io.hikeshi.aws.emulator.Emulator;
import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.aws.eventbridge.EventBridgeEventBus;
import io.hikeshi.aws.faults.CuttableProxy;
import io.hikeshi.core.event.DomainEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Fault injection: the event bus becomes unreachable while the outbox relay publishes a stream
 * batch. The relay's promise (OutboxRelayHandler): a batch it cannot publish fails as a whole, so
 * the table's stream delivers the same records again; it never acknowledges what it did not
 * publish. Events may arrive twice (consumers dedupe by event id), never zero times.
 *
 * <p>The relay's client is the SDK's own with its default retry strategy, reaching the emulator
 * through a {@link CuttableProxy}; the rule, its queue and the reading of the queue go to the
 * emulator directly. The stream batch is the sample in events/ with its outbox record repeated.
 */
class OutboxRelayEmulatorUnreachableIT {

    /**
     * Two PutEvents calls' worth (10 entries per call), so a cut can fall between them. A full stream
     * batch (25) would be three; two keep the test quick, as the emulator takes up to a second per call.
     */
    private static final int EVENTS = 15;
    private static final String ALL_INCIDENT_EVENTS = "{\"source\":[\"" + DomainEvent.SOURCE + "\"]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventBridgeClient events;
    private SqsClient sqs;
    private String bus;
    private AwsFixtures.RuleToQueue rule;
    private CuttableProxy proxy;
    private final List<EventBridgeClient> relayClients = new ArrayList<>();

    /** Per test, not in @BeforeAll: Failsafe reports a skip there as "Tests run: 0" without the reason. */
    @BeforeEach
    void emulator() {
        Emulator.endpoint(); // skips with the reason when there is no emulator
        events = Emulator.eventBridge();
        sqs = Emulator.sqs();
        bus = AwsFixtures.createBus(events, AwsFixtures.uniqueName("hikeshi-fault-bus"));
        rule = AwsFixtures.createRuleToQueue(events, sqs, bus, ALL_INCIDENT_EVENTS);
        proxy = CuttableProxy.to(Emulator.endpoint());
    }

    @AfterEach
    void cleanUp() {
        if (proxy != null) {
            proxy.close();
        }
        relayClients.forEach(EventBridgeClient::close);
        if (rule != null) {
            AwsFixtures.quietly(() -> events.removeTargets(r -> r.rule(rule.ruleName()).eventBusName(bus).ids("queue")));
            AwsFixtures.quietly(() -> events.deleteRule(r -> r.name(rule.ruleName()).eventBusName(bus)));
            AwsFixtures.quietly(() -> sqs.deleteQueue(r -> r.queueUrl(rule.queueUrl())));
        }
        if (events != null) {
            AwsFixtures.quietly(() -> events.deleteEventBus(r -> r.name(bus)));
            events.close();
            sqs.close();
        }
    }

    @ParameterizedTest
    @Event(value = "events/dynamodb-stream-outbox.json", type = Map.class)
    void outboxBatch_arrivesOnceAtTheRuleTarget_afterTheBusWasUnreachable(Map<String, Object> sample) throws Exception {
        Batch batch = batchOf(sample, EVENTS);
        OutboxRelayHandler relay = new OutboxRelayHandler(new EventBridgeEventBus(relayClient(null), bus));

        // GIVEN the event bus is unreachable
        proxy.cut();

        // WHEN the stream delivers a batch of outbox records
        long started = System.nanoTime();
        ByteArrayOutputStream failedOutput = new ByteArrayOutputStream();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> relay(relay, batch, failedOutput));
        long failedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // THEN the invocation fails (the stream keeps the records and delivers them again), with the SDK's client
        // error and no answer written
        assertInstanceOf(SdkClientException.class, failure, "an SDK client error fails the invocation: " + failure);
        assertEquals(0, failedOutput.size(), "no answer: Lambda reports the invocation as failed");

        // WHEN the bus is back and the stream delivers the same batch again
        proxy.restore();
        String answer = relay(relay, batch, new ByteArrayOutputStream());

        // THEN every event arrived once at the rule's target: nothing was published while the bus was unreachable
        assertEquals("{\"relayed\":" + EVENTS + "}", answer);
        List<String> arrived = arrivedIds(EVENTS);
        Map<String, Long> copies = copiesById(arrived);
        assertEquals(batch.eventIds().stream().sorted().toList(), copies.keySet().stream().toList(), "every event arrived");
        assertEquals(EVENTS, arrived.size(), "each exactly once: " + copies);
        System.out.printf("Event bus unreachable: relaying a stream batch of %d outbox events failed after %d ms (%s: %s); "
                        + "the stream's redelivery after restore relayed %d: %d messages at the rule's queue, %d distinct ids%n",
                EVENTS, failedAfterMillis, failure.getClass().getSimpleName(), failure.getMessage(), EVENTS,
                arrived.size(), copies.size());
    }

    @ParameterizedTest
    @Event(value = "events/dynamodb-stream-outbox.json", type = Map.class)
    void outboxBatch_cutBetweenPutEventsCalls_isRepublishedWhole_soEveryEventArrivesAtLeastOnce(Map<String, Object> sample)
            throws Exception {
        Batch batch = batchOf(sample, EVENTS);
        AtomicInteger accepted = new AtomicInteger();
        // The bus becomes unreachable right after it accepted the first PutEvents call (the first 10 events).
        ExecutionInterceptor cutAfterFirstCall = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutEventsRequest put && accepted.getAndAdd(put.entries().size()) == 0) {
                    proxy.cut();
                }
            }
        };
        OutboxRelayHandler relay = new OutboxRelayHandler(new EventBridgeEventBus(relayClient(cutAfterFirstCall), bus));

        // GIVEN a stream batch, WHEN the bus becomes unreachable after the first PutEvents call
        RuntimeException failure = assertThrows(RuntimeException.class, () -> relay(relay, batch, new ByteArrayOutputStream()));
        int acceptedBeforeCut = accepted.get();

        // THEN the whole invocation fails, though part of the batch was published
        assertInstanceOf(SdkClientException.class, failure, "an SDK client error fails the invocation: " + failure);
        assertEquals(10, acceptedBeforeCut, "one PutEvents call (10 entries) was accepted before the cut");

        // WHEN the bus is back and the stream delivers the same batch again
        proxy.restore();
        relay(relay, batch, new ByteArrayOutputStream());

        // THEN every event arrived; those accepted before the cut arrived twice, the rest once, and deduplicating by
        // event id (as consumers do) leaves each exactly once
        List<String> arrived = arrivedIds(EVENTS + acceptedBeforeCut);
        Map<String, Long> copies = copiesById(arrived);
        assertEquals(batch.eventIds().stream().sorted().toList(), copies.keySet().stream().toList(), "every event arrived");
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < EVENTS; i++) {
            expected.put(batch.eventIds().get(i), i < acceptedBeforeCut ? 2L : 1L);
        }
        assertEquals(expected, copies, "twice for the events accepted before the cut, once for the rest");
        System.out.printf("Event bus cut between PutEvents calls: %d of a batch of %d accepted, then the invocation failed; "
                        + "the stream's redelivery republished the whole batch: %d messages at the rule's queue, "
                        + "%d distinct ids (%d arrived twice; consumers dedupe by event id)%n",
                acceptedBeforeCut, EVENTS, arrived.size(), copies.size(), arrived.size() - copies.size());
    }

    /** The relay's own client: the emulator's settings, through the proxy, the SDK's default retries. */
    private EventBridgeClient relayClient(ExecutionInterceptor interceptor) {
        EventBridgeClient client = Emulator.configure(EventBridgeClient.builder())
                .endpointOverride(proxy.endpoint())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> {
                    if (interceptor != null) {
                        c.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
        relayClients.add(client);
        return client;
    }

    private static String relay(OutboxRelayHandler relay, Batch batch, ByteArrayOutputStream output) throws Exception {
        Map<String, Integer> answer = relay.handleRequest(LambdaEvents.read(DynamodbEvent.class, batch.streamEvent()), null);
        output.write(JSON.writeValueAsBytes(answer));
        return output.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The event ids of what reached the rule's queue within 20 s, listening 1 s more for extra copies (the emulators deliver within ms). */
    private List<String> arrivedIds(int expected) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Message m : AwsFixtures.receive(sqs, rule.queueUrl(), expected, Duration.ofSeconds(20), Duration.ofSeconds(1))) {
            ids.add(DomainEventCodec.decode(JSON.readTree(m.body()).get("detail")).id());
        }
        return ids;
    }

    private static Map<String, Long> copiesById(List<String> ids) {
        return ids.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    /** A stream event as Lambda delivers it, and the ids of the domain events in it, in order. */
    private record Batch(byte[] streamEvent, List<String> eventIds) {
    }

    /**
     * The sample stream event with its outbox INSERT repeated {@code count} times under fresh event ids
     * (the emulator outlives a run), keeping its non-outbox record, which the relay must skip.
     */
    private static Batch batchOf(Map<String, Object> sample, int count) throws Exception {
        ObjectNode event = JSON.valueToTree(sample);
        ArrayNode records = (ArrayNode) event.get("Records");
        JsonNode outboxRecord = records.get(0);
        JsonNode otherRecord = records.get(1);
        String run = AwsFixtures.uniqueName("fault");
        List<String> ids = new ArrayList<>();
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            String id = "%s-%02d".formatted(run, i);
            ids.add(id);
            ObjectNode record = outboxRecord.deepCopy();
            record.put("eventID", id);
            ObjectNode dynamodb = (ObjectNode) record.get("dynamodb");
            dynamodb.put("SequenceNumber", "1111%020d".formatted(i));
            ((ObjectNode) dynamodb.get("Keys").get("pk")).put("S", "OUTBOX#" + id);
            ObjectNode image = (ObjectNode) dynamodb.get("NewImage");
            ((ObjectNode) image.get("pk")).put("S", "OUTBOX#" + id);
            ((ObjectNode) image.get("eventId")).put("S", id);
            ((ObjectNode) image.get("incident")).put("S", "INC-%04d".formatted(i + 1));
            batch.add(record);
        }
        batch.add(otherRecord);
        event.set("Records", batch);
        return new Batch(JSON.writeValueAsBytes(event), List.copyOf(ids));
    }
}
