package io.hikeshi.core.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The bus in local mode and tests: delivers each event to every subscriber, in order, on the
 * caller's thread. A subscriber's failure propagates, so the relay keeps the event for a retry,
 * as EventBridge's retry policy would.
 */
public final class InProcessEventBus implements EventBus {

    private final List<Consumer<DomainEvent>> subscribers = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<DomainEvent> subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void publish(List<DomainEvent> events) {
        for (DomainEvent event : events) {
            subscribers.forEach(s -> s.accept(event));
        }
    }
}
