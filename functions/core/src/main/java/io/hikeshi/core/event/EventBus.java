package io.hikeshi.core.event;

import java.util.List;

/** The port to where domain events go (an EventBridge custom bus; an in-process bus locally). */
public interface EventBus {

    /** Publishes all of them or throws; publishing the same event twice is allowed (consumers dedupe). */
    void publish(List<DomainEvent> events);
}
