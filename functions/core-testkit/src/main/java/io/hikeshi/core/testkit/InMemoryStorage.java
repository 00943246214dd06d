package io.hikeshi.core.testkit;

import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.store.Storage;
import java.util.List;

/**
 * Every persistence port in memory, with the conditions of the DynamoDB adapters (all-or-nothing
 * commits, delivery records, optimistic locks, append-only timelines), for tests that feed thousands
 * of inputs a second. One instance is one table: the ports share it, as they share the DynamoDB table.
 */
public final class InMemoryStorage {

    private final Tables tables = new Tables();
    private final Storage ports = new Storage(new InMemoryIncidents(tables), new InMemorySearch(tables),
            new InMemoryAlertStates(tables), new InMemoryPostmortems(tables), new InMemoryWarRooms(tables),
            new InMemoryOutbox(tables), new InMemoryLedger(tables), new InMemoryCounters(tables),
            new InMemoryPeople(tables));

    /** A fresh, empty store and its ports. */
    public static InMemoryStorage create() {
        return new InMemoryStorage();
    }

    public Storage ports() {
        return ports;
    }

    /** Delivery records written so far (idempotency checks). */
    public int deliveriesRecorded() {
        synchronized (tables) {
            return tables.deliveries.size();
        }
    }

    /** Every timeline entry of every incident. */
    public List<TimelineEntry> allTimelineEntries() {
        synchronized (tables) {
            return tables.timelines.values().stream().flatMap(m -> m.values().stream()).toList();
        }
    }
}
