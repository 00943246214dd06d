package io.hikeshi.core.event;

import io.hikeshi.core.store.IncidentStore;
import java.util.List;

/**
 * Moves committed events from the store's outbox to the bus. Local mode runs it on a timer; in AWS
 * the table's stream delivers the outbox items to a function instead. Publish first, then remove:
 * a crash in between publishes again, which consumers tolerate, and nothing is ever lost.
 */
public final class OutboxRelay {

    private final IncidentStore store;
    private final EventBus bus;

    public OutboxRelay(IncidentStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
    }

    /** @return how many events were relayed */
    public int relayOnce() {
        List<DomainEvent> pending = store.pendingEvents(100);
        if (pending.isEmpty()) {
            return 0;
        }
        bus.publish(pending);
        store.eventsRelayed(pending);
        return pending.size();
    }
}
