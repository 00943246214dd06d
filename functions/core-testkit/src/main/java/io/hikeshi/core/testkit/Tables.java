package io.hikeshi.core.testkit;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.people.Person;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.warroom.WarRoom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** The in-memory "table" the fakes share; every access holds its monitor, as one table is one consistent store. */
final class Tables {

    final Map<IncidentId, Incident> incidents = new HashMap<>();
    final Map<IncidentId, Map<String, TimelineEntry>> timelines = new HashMap<>();
    final Map<String, AlertState> alerts = new HashMap<>();
    final Set<String> deliveries = new HashSet<>();
    final Map<String, Long> counters = new HashMap<>();
    final Map<String, IncidentId> channels = new HashMap<>();
    final LinkedHashMap<String, DomainEvent> outbox = new LinkedHashMap<>();
    final Map<IncidentId, WarRoom> warRooms = new HashMap<>();
    final Set<String> done = new HashSet<>();
    final Map<IncidentId, Postmortem> postmortems = new HashMap<>();
    final Map<String, Person> people = new HashMap<>();
    long lastIncidentNumber;

    /** The optimistic lock of the DynamoDB adapters: write only if still at {@code expected} (0: absent). */
    static <K, V> boolean putIfAtVersion(Map<K, V> map, K key, long expected, ToLongFunction<V> versionOf, Supplier<V> next) {
        V current = map.get(key);
        if (current == null ? expected != 0 : versionOf.applyAsLong(current) != expected) {
            return false;
        }
        map.put(key, next.get());
        return true;
    }
}
