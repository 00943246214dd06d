package io.hikeshi.aws.eventbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hikeshi.core.event.DomainEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON detail every publisher writes and every consumer reads, on its own (no client, no emulator). */
class DomainEventCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-01T09:15:30.123Z");

    @Test
    void theParserReadsTheDetailOrTheWholeEnvelope() throws Exception {
        DomainEvent e = new DomainEvent("evt-7", DomainEvent.Type.INCIDENT_RESOLVED, "INC-0042", AT.plusSeconds(7),
                Map.of("severity", "SEV2", "n", "7"));
        String detail = DomainEventCodec.encode(e);
        assertEquals(e, DomainEventCodec.decode(JSON.readTree(detail)));
        String envelope = "{\"version\":\"0\",\"source\":\"hikeshi.incidents\",\"detail-type\":\"Incident Resolved\",\"detail\":" + detail + "}";
        assertEquals(e, DomainEventCodec.decode(JSON.readTree(envelope)));
        assertEquals(new DomainEvent("a", DomainEvent.Type.INCIDENT_OPENED, "INC-1", AT, Map.of()),
                DomainEventCodec.decode(JSON.readTree(
                        "{\"id\":\"a\",\"type\":\"INCIDENT_OPENED\",\"incident\":\"INC-1\",\"at\":\"2026-03-01T09:15:30.123Z\"}")));
    }

    @Test
    void theParserRejectsBadInputSayingWhat() {
        Map<String, String> bad = new HashMap<>();
        bad.put("null", "event detail is missing");
        bad.put("[1]", "must be a JSON object");
        bad.put("{\"type\":\"INCIDENT_OPENED\",\"incident\":\"I\",\"at\":\"2026-03-01T00:00:00Z\"}", "'id' is missing");
        bad.put("{\"id\":\"a\",\"type\":\"OPENED\",\"incident\":\"I\",\"at\":\"2026-03-01T00:00:00Z\"}", "'type' has unknown value 'OPENED'");
        bad.put("{\"id\":\"a\",\"type\":\"INCIDENT_OPENED\",\"incident\":\"\",\"at\":\"2026-03-01T00:00:00Z\"}", "'incident' must be a non-blank string");
        bad.put("{\"id\":\"a\",\"type\":\"INCIDENT_OPENED\",\"incident\":\"I\",\"at\":\"yesterday\"}", "'at' is not an ISO-8601 instant");
        bad.put("{\"id\":\"a\",\"type\":\"INCIDENT_OPENED\",\"incident\":\"I\",\"at\":\"2026-03-01T00:00:00Z\",\"attributes\":[]}",
                "'attributes' must be an object");
        bad.put("{\"id\":\"a\",\"type\":\"INCIDENT_OPENED\",\"incident\":\"I\",\"at\":\"2026-03-01T00:00:00Z\",\"attributes\":{\"x\":{}}}",
                "attribute 'x' must be a string");
        bad.forEach((json, expected) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DomainEventCodec.decode(JSON.readTree(json)), json);
            assertTrue(e.getMessage().contains(expected), json + " -> " + e.getMessage());
        });
        assertThrows(IllegalArgumentException.class, () -> DomainEventCodec.decode(null));
    }

    @Test
    void sameEvent_encodesToTheSameBytes_whateverOrderItsAttributesCameIn() {
        // GIVEN one event whose attributes were put in two different orders
        Map<String, String> oneWay = new LinkedHashMap<>();
        oneWay.put("severity", "SEV1");
        oneWay.put("actor", "U0ALICE");
        Map<String, String> otherWay = new LinkedHashMap<>();
        otherWay.put("actor", "U0ALICE");
        otherWay.put("severity", "SEV1");

        // WHEN each is encoded
        String first = DomainEventCodec.encode(new DomainEvent("e", DomainEvent.Type.SEVERITY_CHANGED, "INC-0042", AT, oneWay));
        String second = DomainEventCodec.encode(new DomainEvent("e", DomainEvent.Type.SEVERITY_CHANGED, "INC-0042", AT, otherWay));

        // THEN the details are identical, attributes in name order
        assertEquals(first, second);
        assertTrue(first.endsWith("\"attributes\":{\"actor\":\"U0ALICE\",\"severity\":\"SEV1\"}}"), first);
    }

    @Test
    void detailDeliveredAsAJsonString_isReadLikeTheObject() {
        // GIVEN a transport that double-encoded the detail into a JSON string
        DomainEvent event = new DomainEvent("e", DomainEvent.Type.INCIDENT_OPENED, "INC-0042", AT, Map.of("severity", "SEV2"));
        TextNode doubleEncoded = TextNode.valueOf(DomainEventCodec.encode(event));

        // WHEN it is decoded
        DomainEvent decoded = DomainEventCodec.decode(doubleEncoded);

        // THEN it is the same event
        assertEquals(event, decoded);
    }
}
