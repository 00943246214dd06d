package io.hikeshi.aws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.event.DomainEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            event(record.path("eventName").asText(), item(record.path("dynamodb").path("NewImage"))).ifPresent(events::add);
        }
        return events;
    }

    /**
     * One stream record, its new image as SDK values (the Lambda function receives the stream through
     * aws-lambda-java-events' DynamodbEvent and hands the image over in the SDK's terms).
     *
     * @return its domain event when the record is the INSERT of an outbox item; empty for any other change
     */
    public static Optional<DomainEvent> event(String eventName, Map<String, AttributeValue> newImage) {
        AttributeValue pk = newImage == null ? null : newImage.get("pk");
        if (!"INSERT".equals(eventName) || pk == null || pk.s() == null || !pk.s().startsWith(Items.OUTBOX + "#")) {
            return Optional.empty();
        }
        return Optional.of(Items.domainEvent(newImage));
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
