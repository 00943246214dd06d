package io.hikeshi.core.event;

import java.util.List;

/**
 * Domain events committed with their change and not yet relayed. In AWS the table's stream relays
 * them; local mode polls this.
 */
public interface Outbox {

    /** Committed events not yet relayed, oldest first. */
    List<DomainEvent> pending(int limit);

    /** Removes relayed events. */
    void relayed(List<DomainEvent> events);
}
