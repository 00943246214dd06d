package io.hikeshi.core.event;

import java.util.List;

/**
 * Moves committed events from the store's outbox to the bus. Local mode runs it on a timer; in AWS
 * the table's stream delivers the outbox items to a function instead. Publish first, then remove:
 * a crash in between publishes again, which consumers tolerate, and nothing is ever lost.
 */
public final class OutboxRelay {

    private final Outbox outbox;
    private final EventBus bus;

    public OutboxRelay(Outbox outbox, EventBus bus) {
        this.outbox = outbox;
        this.bus = bus;
    }

    /** @return how many events were relayed */
    public int relayOnce() {
        List<DomainEvent> pending = outbox.pending(100);
        if (pending.isEmpty()) {
            return 0;
        }
        bus.publish(pending);
        outbox.relayed(pending);
        return pending.size();
    }
}
