package io.hikeshi.handlers.wiring;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.hikeshi.aws.dynamodb.OutboxStreamRecords;
import io.hikeshi.aws.eventbridge.EventBridgeEventBus;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.EventBus;
import io.hikeshi.handlers.lambda.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The outbox relay's two ends: the table's stream, as Lambda's event types carry it, read into the
 * domain events it announces (the item layout is the DynamoDB adapter's business), and the custom bus.
 */
public final class OutboxStream {

    private OutboxStream() { }

    /** The bus in AWS: EventBridge only; the relay reads nothing from the table. */
    public static EventBus busInAws(Settings settings) {
        return new EventBridgeEventBus(AwsClients.build(EventBridgeClient.builder()), settings.eventBus());
    }

    /** The domain events of a batch of stream records: the outbox items' INSERTs, in order; every other change skipped. */
    public static List<DomainEvent> events(DynamodbEvent batch) {
        List<DomainEvent> events = new ArrayList<>();
        if (batch != null && batch.getRecords() != null) {
            for (DynamodbEvent.DynamodbStreamRecord record : batch.getRecords()) {
                OutboxStreamRecords.event(record.getEventName(),
                        record.getDynamodb() == null ? null : item(record.getDynamodb().getNewImage())).ifPresent(events::add);
            }
        }
        return events;
    }

    /** A stream image → the same item in the SDK's types. */
    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item(Map<String, AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>();
        image.forEach((name, value) -> item.put(name, value(value)));
        return item;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue value(AttributeValue v) {
        var sdk = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            sdk.s(v.getS());
        } else if (v.getN() != null) {
            sdk.n(v.getN());
        } else if (v.getB() != null) {
            sdk.b(SdkBytes.fromByteBuffer(v.getB()));
        } else if (v.getBOOL() != null) {
            sdk.bool(v.getBOOL());
        } else if (v.getM() != null) {
            sdk.m(item(v.getM()));
        } else if (v.getL() != null) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list = new ArrayList<>();
            v.getL().forEach(x -> list.add(value(x)));
            sdk.l(list);
        } else if (v.getSS() != null) {
            sdk.ss(v.getSS());
        } else if (v.getNS() != null) {
            sdk.ns(v.getNS());
        } else {
            sdk.nul(true);
        }
        return sdk.build();
    }
}
