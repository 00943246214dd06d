package io.hikeshi.aws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.event.DomainEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the outbox items out of a DynamoDB Streams event (as Lambda delivers it): only INSERTs of
 * {@code OUTBOX#…} items are domain events; every other change to the table is ignored.
 */
public final class OutboxStreamRecords {

    private OutboxStreamRecords() { }

    public static List<DomainEvent> events(JsonNode streamEvent) {
        List<DomainEvent> events = new ArrayList<>();
        for (JsonNode record : streamEvent.path("Records")) {
            JsonNode image = record.path("dynamodb").path("NewImage");
            if (!"INSERT".equals(record.path("eventName").asText())
                    || !image.path("pk").path("S").asText("").startsWith(Items.OUTBOX + "#")) {
                continue;
            }
            events.add(Items.domainEvent(item(image)));
        }
        return events;
    }

    /** The stream's JSON attribute values ({"S": …}, {"N": …}, {"M": {…}}) as SDK values. */
    static Map<String, AttributeValue> item(JsonNode image) {
        Map<String, AttributeValue> item = new HashMap<>();
        image.properties().forEach(e -> item.put(e.getKey(), value(e.getValue())));
        return item;
    }

    private static AttributeValue value(JsonNode v) {
        if (v.has("S")) {
            return AttributeValue.fromS(v.get("S").asText());
        }
        if (v.has("N")) {
            return AttributeValue.fromN(v.get("N").asText());
        }
        if (v.has("BOOL")) {
            return AttributeValue.fromBool(v.get("BOOL").asBoolean());
        }
        if (v.has("M")) {
            return AttributeValue.fromM(item(v.get("M")));
        }
        if (v.has("L")) {
            List<AttributeValue> list = new ArrayList<>();
            v.get("L").forEach(x -> list.add(value(x)));
            return AttributeValue.fromL(list);
        }
        return AttributeValue.fromNul(true);
    }
}
