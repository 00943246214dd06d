package io.hikeshi.core.store;

import io.hikeshi.core.alert.AlertStates;
import io.hikeshi.core.event.Outbox;
import io.hikeshi.core.event.SideEffectLedger;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.incident.IncidentSearch;
import io.hikeshi.core.people.PeopleDirectory;
import io.hikeshi.core.postmortem.PostmortemRepository;
import io.hikeshi.core.warroom.WarRoomRepository;
import java.util.Objects;

/**
 * The persistence ports one deployment provides. They are built together because they share one
 * store (a DynamoDB table; the test kit's maps), and a change committed through {@code incidents}
 * may write alert states and outbox events too. Each service takes the ports it needs from here.
 */
public record Storage(IncidentRepository incidents, IncidentSearch search, AlertStates alerts,
                      PostmortemRepository postmortems, WarRoomRepository warRooms, Outbox outbox,
                      SideEffectLedger ledger, Counters counters, PeopleDirectory people) {

    public Storage {
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(postmortems, "postmortems");
        Objects.requireNonNull(warRooms, "warRooms");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(people, "people");
    }
}
