package io.hikeshi.core.testkit;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.Outbox;
import java.util.List;

/** {@link Outbox} in memory: the events commits stored, in commit order. */
final class InMemoryOutbox implements Outbox {

    private final Tables t;

    InMemoryOutbox(Tables tables) {
        this.t = tables;
    }

    @Override
    public List<DomainEvent> pending(int limit) {
        synchronized (t) {
            return t.outbox.values().stream().limit(limit).toList();
        }
    }

    @Override
    public void relayed(List<DomainEvent> events) {
        synchronized (t) {
            events.forEach(e -> t.outbox.remove(e.id()));
        }
    }
}
