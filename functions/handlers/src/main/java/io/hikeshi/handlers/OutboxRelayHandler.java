package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.OutboxStreamRecords;
import io.hikeshi.aws.eventbridge.EventBridgeEventBus;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.EventBus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The table's stream → the custom bus. Outbox items are written in the same transaction as the
 * change they announce, so an event exists if and only if its change committed; this function
 * only forwards them. A failure fails the batch, which the stream retries (events may arrive
 * twice; consumers dedupe by event id).
 */
public final class OutboxRelayHandler implements RequestStreamHandler {

    public static final String EVENT_BUS = "HIKESHI_EVENT_BUS";

    private final EventBus bus;
    private final ObjectMapper json = new ObjectMapper();

    public OutboxRelayHandler() {
        this(new EventBridgeEventBus(Composition.eventBridge(), requiredEnv(EVENT_BUS)));
    }

    public OutboxRelayHandler(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<DomainEvent> events = OutboxStreamRecords.events(json.readTree(input));
        if (!events.isEmpty()) {
            bus.publish(events);
        }
        Log.info("outbox relayed", "events", events.size());
        json.writeValue(output, Map.of("relayed", events.size()));
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: it must name the event bus");
        }
        return value;
    }
}
