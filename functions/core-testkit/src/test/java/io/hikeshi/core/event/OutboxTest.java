package io.hikeshi.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertRouting;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Domain events come from committed changes only, and the relay loses none. */
class OutboxTest {

    private final InMemoryStorage memory = InMemoryStorage.create();

    private final Storage store = memory.ports();
    private final IncidentService people = new IncidentService(store, Clock.systemUTC());

    private List<DomainEvent.Type> pendingTypes() {
        return store.outbox().pending(100).stream().map(DomainEvent::type).toList();
    }

    @Test
    void declaringAndChanging_putsOneEventPerFact_inTheOutbox() {
        Incident incident = people.declare("Payment API returns 5xx", Severity.SEV2, "payment-api", null, "U1", "v1").orElseThrow();
        people.changeSeverity(incident.id(), Severity.SEV1, "U1");
        people.changeSeverity(incident.id(), Severity.SEV1, "U1"); // no-op: no event
        people.assignCommander(incident.id(), "U2", "U1"); // acknowledges too: one write, its three facts
        people.postStatusUpdate(incident.id(), Status.RESOLVED, "rolled back", "U2");

        assertEquals(List.of(DomainEvent.Type.INCIDENT_OPENED, DomainEvent.Type.SEVERITY_CHANGED,
                DomainEvent.Type.STATUS_CHANGED, DomainEvent.Type.INCIDENT_ACKNOWLEDGED, DomainEvent.Type.COMMANDER_CHANGED,
                DomainEvent.Type.STATUS_CHANGED, DomainEvent.Type.INCIDENT_RESOLVED, DomainEvent.Type.STATUS_UPDATE_POSTED),
                pendingTypes());
        DomainEvent severity = store.outbox().pending(100).get(1);
        assertEquals("SEV2", severity.attribute("previousSeverity"));
        assertEquals("SEV1", severity.attribute("severity"));
        assertEquals(incident.id().toString(), severity.incident());
    }

    @Test
    void aDuplicateDelivery_orARefusedChange_publishesNothing() {
        people.declare("t", Severity.SEV3, "svc", null, "U1", "view-1");
        people.declare("t", Severity.SEV3, "svc", null, "U1", "view-1");
        Incident incident = store.search().recent(1).get(0);
        people.changeStatus(incident.id(), Status.RESOLVED, "U1");
        int before = store.outbox().pending(100).size();

        assertThrows(RuntimeException.class, () -> people.acknowledge(incident.id(), "U1"));

        assertEquals(before, store.outbox().pending(100).size());
        assertEquals(1, pendingTypes().stream().filter(t -> t == DomainEvent.Type.INCIDENT_OPENED).count());
    }

    @Test
    void alarmOpening_andRecovery_areAnnouncedToo() {
        AlertIntakeService intake = new AlertIntakeService(store, AlertRouting.defaults(), false);
        Instant t = Instant.parse("2026-11-24T03:12:45Z");
        intake.receive(new Alert("cloudwatch", "arn", "api-5xx", Signal.TRIGGER, "ALARM", t, "5xx", null, null, Map.of()), "e1");
        intake.receive(new Alert("cloudwatch", "arn", "api-5xx", Signal.TRIGGER, "ALARM", t, "5xx", null, null, Map.of()), "e2");
        intake.receive(new Alert("cloudwatch", "arn", "api-5xx", Signal.RESOLVE, "OK", t.plusSeconds(60), "ok", null, null, Map.of()), "e3");

        assertEquals(List.of(DomainEvent.Type.INCIDENT_OPENED, DomainEvent.Type.STATUS_CHANGED), pendingTypes(),
                "a repeat is counted, not announced");
        assertEquals("cloudwatch", store.outbox().pending(100).get(0).attribute("actor"));
    }

    @Test
    void relay_publishesThenClears_andKeepsWhatFailed() {
        people.declare("t", Severity.SEV3, "svc", null, "U1", null);
        List<DomainEvent> received = new ArrayList<>();
        InProcessEventBus bus = new InProcessEventBus();
        bus.subscribe(e -> {
            if (received.isEmpty()) {
                received.add(null);
                throw new IllegalStateException("Slack down");
            }
            received.add(e);
        });
        OutboxRelay relay = new OutboxRelay(store.outbox(), bus);

        assertThrows(IllegalStateException.class, relay::relayOnce);
        assertEquals(1, store.outbox().pending(100).size(), "a failed delivery stays in the outbox");
        assertEquals(1, relay.relayOnce());
        assertTrue(store.outbox().pending(100).isEmpty());
        assertEquals(DomainEvent.Type.INCIDENT_OPENED, received.get(1).type());
    }
}
