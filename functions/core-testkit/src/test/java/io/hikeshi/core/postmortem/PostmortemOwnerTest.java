package io.hikeshi.core.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertRouting;
import io.hikeshi.core.alert.AlertRouting.Route;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who owns the postmortem: a person who led or closed the incident, else the service's owner, never a monitor. */
class PostmortemOwnerTest {

    private static final Instant FIRED = Instant.parse("2026-11-24T03:12:45Z");
    private static final Clock LATER = Clock.fixed(FIRED.plus(Duration.ofMinutes(30)), ZoneOffset.UTC);
    private static final String ALARM = "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:payment-api-5xx-rate";
    private static final AlertRouting ROUTING = new AlertRouting(
            List.of(new Route("payment-*", "payment-api", Severity.SEV2)), "platform", Severity.SEV3);

    private final Storage store = InMemoryStorage.create().ports();
    private final AlertIntakeService alarms = new AlertIntakeService(store, ROUTING, true);
    private final IncidentService people = new IncidentService(store, LATER);
    private final ReminderScheduler noReminders = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) { }

        @Override
        public void cancel(String reminderId) { }
    };

    private PostmortemService postmortems(Map<String, List<String>> owners) {
        return new PostmortemService(store, noReminders, PostmortemPolicy.defaults(ZoneId.of("Asia/Tokyo")), LATER, LATER,
                Messages.of(Messages.ENGLISH), service -> owners.getOrDefault(service, List.of()));
    }

    private static Alert alarm(Signal signal, String state, Instant at) {
        return new Alert("cloudwatch", ALARM, "payment-api-5xx-rate", signal, state, at, "5xx above 5%", null, null, Map.of());
    }

    /** The alarm fires, then goes back to OK, which resolves the incident (auto-resolve): nobody took command. */
    private IncidentId autoResolved() {
        IncidentId id = alarms.receive(alarm(Signal.TRIGGER, "ALARM", FIRED), "fired").incident();
        alarms.receive(alarm(Signal.RESOLVE, "OK", FIRED.plus(Duration.ofMinutes(20))), "recovered");
        assertEquals(Status.RESOLVED, store.incidents().find(id).orElseThrow().status());
        return id;
    }

    @Test
    void anIncidentAnAlarmsOkResolved_withoutCommander_isOwnedByTheServicesFirstOwner_notTheMonitor() {
        // GIVEN an incident an alarm opened and its OK resolved, nobody in command, and payment-api owned by U0KENJI
        IncidentId id = autoResolved();

        // WHEN its postmortem is drafted for the monitor that resolved it
        Postmortem pm = postmortems(Map.of("payment-api", List.of("U0KENJI", "U0MISAKI"))).draftOnResolve(id, "cloudwatch").orElseThrow();

        // THEN the service's first owner owns it and is its author; the monitor is neither
        assertEquals("U0KENJI", pm.owner());
        assertEquals(List.of("U0KENJI"), pm.authors());
    }

    @Test
    void anAutoResolvedIncident_ofAServiceNobodyOwns_hasNoOwner_andTheChecklistSaysSo() {
        // GIVEN an auto-resolved incident of a service with no owner configured
        IncidentId id = autoResolved();

        // WHEN its postmortem is drafted
        Postmortem pm = postmortems(Map.of()).draftOnResolve(id, "cloudwatch").orElseThrow();

        // THEN nobody owns it (someone must take it), and the checklist lists the owner as missing
        assertNull(pm.owner());
        assertTrue(PostmortemChecklist.missing(pm).stream().anyMatch(m -> m.key().equals("owner")));
    }

    @Test
    void aPersonWhoResolvedIt_withoutCommander_ownsIt_evenWhenAnAlarmOpenedIt() {
        // GIVEN an incident an alarm opened and a person resolved, nobody in command
        IncidentId id = alarms.receive(alarm(Signal.TRIGGER, "ALARM", FIRED), "fired").incident();
        people.changeStatus(id, Status.RESOLVED, "U0ALICE");

        // WHEN its postmortem is drafted
        Postmortem pm = postmortems(Map.of("payment-api", List.of("U0KENJI"))).draftOnResolve(id, "U0ALICE").orElseThrow();

        // THEN the person who resolved it owns it
        assertEquals("U0ALICE", pm.owner());
    }

    @Test
    void theCommander_ownsIt_whoeverResolvedIt() {
        // GIVEN an incident someone commanded, which the alarm's OK resolved
        IncidentId id = alarms.receive(alarm(Signal.TRIGGER, "ALARM", FIRED), "fired").incident();
        people.assignCommander(id, "U0BOB", "U0BOB");
        alarms.receive(alarm(Signal.RESOLVE, "OK", FIRED.plus(Duration.ofMinutes(20))), "recovered");

        // WHEN its postmortem is drafted
        Postmortem pm = postmortems(Map.of("payment-api", List.of("U0KENJI"))).draftOnResolve(id, "cloudwatch").orElseThrow();

        // THEN the commander owns it
        assertEquals("U0BOB", pm.owner());
    }
}
