package io.hikeshi.handlers.events;

import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.EventBus;
import io.hikeshi.handlers.lambda.EventHandler;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.wiring.OutboxStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table's stream → the custom bus. Outbox items are written in the same transaction as the
 * change they announce, so an event exists if and only if its change committed; this function
 * only forwards them. A failure fails the batch, which the stream retries (events may arrive
 * twice; consumers dedupe by event id).
 */
public final class OutboxRelayHandler extends EventHandler<DynamodbEvent, Map<String, Integer>> {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayHandler.class);

    private final EventBus bus;

    /** For the Lambda runtime: EventBridge only; it reads nothing from the table. */
    public OutboxRelayHandler() {
        this(OutboxStream.busInAws(Settings.fromEnvironment()));
    }

    public OutboxRelayHandler(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public Map<String, Integer> handleRequest(DynamodbEvent event, Context context) {
        return run(event, context);
    }

    @Override
    protected Map<String, Integer> handle(DynamodbEvent batch) {
        List<DomainEvent> events = OutboxStream.events(batch);
        if (!events.isEmpty()) {
            bus.publish(events);
        }
        LOG.info("outbox relayed", kv("events", events.size()));
        return Map.of("relayed", events.size());
    }
}
