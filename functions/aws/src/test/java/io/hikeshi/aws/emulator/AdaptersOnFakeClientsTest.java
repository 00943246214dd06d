package io.hikeshi.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.aws.eventbridge.EventBridgeEventBus;
import io.hikeshi.aws.eventbridge.EventBridgePublishException;
import io.hikeshi.aws.sns.SnsNotifier;
import io.hikeshi.core.event.DomainEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * The EventBridge and SNS adapters on in-memory fake clients (no emulator needed): what the emulator
 * cannot provoke — chunking limits, per-entry failures, throttling retries. The detail's own shape is
 * DomainEventCodecTest's. Runs with the unit tests (surefire).
 */
class AdaptersOnFakeClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-01T09:15:30.123Z");

    /** Answers each PutEvents call with what {@code answer} says, recording the requests. */
    static final class FakeEventBridge implements EventBridgeClient {
        final List<PutEventsRequest> calls = new ArrayList<>();
        final Deque<Function<PutEventsRequest, PutEventsResponse>> answers = new ArrayDeque<>();

        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            calls.add(request);
            return answers.isEmpty() ? ok(request) : answers.poll().apply(request);
        }

        @Override
        public String serviceName() {
            return "events";
        }

        @Override
        public void close() {
        }
    }

    static PutEventsResponse ok(PutEventsRequest request) {
        return PutEventsResponse.builder().failedEntryCount(0)
                .entries(request.entries().stream().map(e -> PutEventsResultEntry.builder().eventId("e").build()).toList())
                .build();
    }

    /** Entry i fails with codes[i] (null: accepted). */
    static Function<PutEventsRequest, PutEventsResponse> failing(String... codes) {
        return request -> {
            List<PutEventsResultEntry> results = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < request.entries().size(); i++) {
                String code = i < codes.length ? codes[i] : null;
                if (code == null) {
                    results.add(PutEventsResultEntry.builder().eventId("e" + i).build());
                } else {
                    failed++;
                    results.add(PutEventsResultEntry.builder().errorCode(code).errorMessage(code + " message").build());
                }
            }
            return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
        };
    }

    static DomainEvent event(int i, DomainEvent.Type type) {
        return new DomainEvent("evt-" + i, type, "INC-0042", AT.plusSeconds(i), Map.of("severity", "SEV2", "n", "" + i));
    }

    @Test
    void entriesCarryBusSourceDetailTypeDetailAndTime() throws Exception {
        FakeEventBridge fake = new FakeEventBridge();
        DomainEvent e = event(1, DomainEvent.Type.SEVERITY_CHANGED);
        new EventBridgeEventBus(fake, "hikeshi-bus").publish(List.of(e));

        PutEventsRequestEntry entry = fake.calls.get(0).entries().get(0);
        assertEquals("hikeshi-bus", entry.eventBusName());
        assertEquals("hikeshi.incidents", entry.source());
        assertEquals("Incident Severity Changed", entry.detailType());
        assertEquals(e.at(), entry.time());
        assertTrue(entry.resources().isEmpty());
        assertEquals(JSON.readTree("""
                {"id":"evt-1","type":"SEVERITY_CHANGED","incident":"INC-0042","at":"2026-03-01T09:15:31.123Z",
                 "attributes":{"n":"1","severity":"SEV2"}}"""), JSON.readTree(entry.detail()));
        assertEquals(e, DomainEventCodec.decode(JSON.readTree(entry.detail())));
    }

    @Test
    void batchesGoInChunksOfTen() {
        FakeEventBridge fake = new FakeEventBridge();
        List<DomainEvent> batch = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            batch.add(event(i, DomainEvent.Type.INCIDENT_OPENED));
        }
        new EventBridgeEventBus(fake, "bus").publish(batch);
        assertEquals(List.of(10, 10, 3), fake.calls.stream().map(c -> c.entries().size()).toList());

        new EventBridgeEventBus(fake, "bus").publish(List.of());
        assertEquals(3, fake.calls.size(), "nothing to publish: no call");
    }

    @Test
    void throttledEntriesAreRetriedOnceAlone() {
        FakeEventBridge fake = new FakeEventBridge();
        fake.answers.add(failing(null, "ThrottlingException", null));
        new EventBridgeEventBus(fake, "bus").publish(List.of(event(0, DomainEvent.Type.INCIDENT_OPENED),
                event(1, DomainEvent.Type.INCIDENT_OPENED), event(2, DomainEvent.Type.INCIDENT_OPENED)));

        assertEquals(2, fake.calls.size());
        assertEquals(List.of("Incident Opened"), fake.calls.get(1).entries().stream().map(PutEventsRequestEntry::detailType).toList());
        assertTrue(fake.calls.get(1).entries().get(0).detail().contains("\"evt-1\""));
    }

    @Test
    void entriesStillThrottledAfterTheRetryOrRejectedOutrightFailNamingTheCodes() {
        FakeEventBridge fake = new FakeEventBridge();
        fake.answers.add(failing("MalformedDetail", "ThrottlingException", null));
        fake.answers.add(failing("ThrottlingException"));
        EventBridgeEventBus bus = new EventBridgeEventBus(fake, "bus");
        List<DomainEvent> batch = List.of(event(0, DomainEvent.Type.INCIDENT_OPENED),
                event(1, DomainEvent.Type.INCIDENT_RESOLVED), event(2, DomainEvent.Type.INCIDENT_OPENED));

        EventBridgePublishException e = assertThrows(EventBridgePublishException.class, () -> bus.publish(batch));

        assertEquals(2, fake.calls.size(), "one retry only");
        assertEquals(List.of("MalformedDetail", "ThrottlingException"), e.errorCodes());
        assertEquals(List.of("evt-0", "evt-1"), e.failed().stream().map(EventBridgePublishException.FailedEvent::eventId).toList());
        assertTrue(e.getMessage().contains("[MalformedDetail, ThrottlingException]"), e.getMessage());
    }

    @Test
    void aNonRetryableFailureIsNotRetried() {
        FakeEventBridge fake = new FakeEventBridge();
        fake.answers.add(failing("AccessDeniedException"));
        EventBridgeEventBus bus = new EventBridgeEventBus(fake, "bus");
        EventBridgePublishException e = assertThrows(EventBridgePublishException.class,
                () -> bus.publish(List.of(event(0, DomainEvent.Type.INCIDENT_OPENED))));
        assertEquals(1, fake.calls.size());
        assertEquals(List.of("AccessDeniedException"), e.errorCodes());
    }

    /** Records Publish requests. */
    static final class FakeSns implements SnsClient {
        final List<PublishRequest> published = new ArrayList<>();

        @Override
        public PublishResponse publish(PublishRequest request) {
            published.add(request);
            return PublishResponse.builder().messageId("m" + published.size()).build();
        }

        @Override
        public String serviceName() {
            return "sns";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void snsPublishCarriesClippedSubjectMessageAndStringAttributes() {
        FakeSns fake = new FakeSns();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("severity", "SEV1");
        attributes.put("service", "checkout");
        attributes.put("status", "");
        attributes.put("event", null);
        new SnsNotifier(fake, "arn:aws:sns:ap-northeast-1:123456789012:t").notify("[SEV1]\nINC-0042 " + "長".repeat(150), "body", attributes);

        PublishRequest p = fake.published.get(0);
        assertEquals("arn:aws:sns:ap-northeast-1:123456789012:t", p.topicArn());
        assertEquals("body", p.message());
        assertEquals(100, p.subject().length());
        assertTrue(p.subject().startsWith("[SEV1] INC-0042 長"), p.subject());
        assertTrue(p.subject().endsWith("…"), p.subject());
        assertEquals(Map.of("severity", "SEV1", "service", "checkout"), p.messageAttributes().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, en -> en.getValue().stringValue())));
        p.messageAttributes().values().forEach(v -> assertEquals("String", v.dataType()));

        new SnsNotifier(fake, "arn:t").notify("short", "body", Map.of());
        assertEquals("short", fake.published.get(1).subject());
        assertTrue(fake.published.get(1).messageAttributes().isEmpty());
        new SnsNotifier(fake, "arn:t").notify("  ", "body", null);
        assertNull(fake.published.get(2).subject());
    }
}
