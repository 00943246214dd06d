package io.hikeshi.core.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.PostmortemPolicy;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.postmortem.ReminderScheduler.Kind;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.core.testkit.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The nudge's decisions, on one fixed instant moved by hand, in memory: when it is set, when it speaks, when not. */
class CadenceServiceTest {

    /** Tuesday 2026-11-24 10:00 JST: when the incident is declared. */
    private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");
    private static final String ALICE = "U0ALICE";

    private final MovableClock clock = new MovableClock(T0);
    private final Storage store = InMemoryStorage.create().ports();
    private final Map<String, Reminder> scheduled = new HashMap<>();
    private final ReminderScheduler scheduler = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) {
            scheduled.put(reminder.id(), reminder); // the same id replaces, as a schedule's name does
        }

        @Override
        public void cancel(String reminderId) {
            scheduled.remove(reminderId);
        }
    };
    private final IncidentService incidents = new IncidentService(store, clock);
    private final CadenceService cadence = new CadenceService(store, scheduler, UpdateCadence.defaults(), clock);
    private IncidentId id;

    @BeforeEach
    void aSev1IsDeclared() {
        id = incidents.declare("Payment API returns 5xx", Severity.SEV1, "payment-api", "checkout failing", ALICE, null)
                .orElseThrow().id();
        relay();
    }

    @Test
    void declaring_setsTheNudge_oneIntervalLater_underTheIncidentsStableName() {
        assertEquals(List.of("nudge-INC-0001"), List.copyOf(scheduled.keySet()));
        assertEquals(new Reminder("nudge-INC-0001", "INC-0001", Kind.NUDGE, T0.plus(minutes(15))), nudge());
    }

    @Test
    void aSilentWarRoom_isNudgedAfterTheInterval_withTheMinutesSinceTheLastUpdate_andAgainOneIntervalLater() {
        Reminder first = nudge();
        clock.set(first.at());

        CadenceService.Nudge said = cadence.fired(first).orElseThrow();
        cadence.delivered(said);

        assertEquals(15, said.minutesSilent());
        assertEquals(minutes(15), said.interval());
        assertNull(said.incident().commander(), "nobody took command: the war room is asked to");
        assertEquals(T0.plus(minutes(30)), nudge().at(), "the next one, an interval later");

        clock.set(nudge().at());
        CadenceService.Nudge second = cadence.fired(nudge()).orElseThrow();
        assertEquals(30, second.minutesSilent(), "a silent incident is nudged every interval, not once");
    }

    @Test
    void aDuplicateDelivery_saysNothing_andTheNextNudgeStaysSet() {
        Reminder first = nudge();
        clock.set(first.at());
        cadence.delivered(cadence.fired(first).orElseThrow());
        scheduled.clear(); // as if the first delivery stopped before setting the next one

        assertTrue(cadence.fired(first).isEmpty(), "the same schedule delivered twice speaks once");
        assertEquals(T0.plus(minutes(30)), nudge().at());
    }

    @Test
    void anUpdateWithinTheInterval_silencesTheNudgeSetBefore_andSetsTheNextFromTheUpdate() {
        Reminder before = nudge();
        clock.set(T0.plus(minutes(10)));
        incidents.assignCommander(id, ALICE, ALICE);
        incidents.postStatusUpdate(id, Status.INVESTIGATING, "rolling back v1.43", ALICE);
        relay();
        clock.set(before.at());

        assertTrue(cadence.fired(before).isEmpty(), "an update came after it was set");
        assertEquals(T0.plus(minutes(25)), nudge().at(), "from the update: 10 + 15 minutes");

        clock.set(nudge().at());
        CadenceService.Nudge said = cadence.fired(nudge()).orElseThrow();
        assertEquals(15, said.minutesSilent());
        assertEquals(ALICE, said.incident().commander());
    }

    @Test
    void mitigating_stopsTheNudges_andOneAlreadyUnderwaySaysNothing() {
        Reminder before = nudge();
        clock.set(T0.plus(minutes(5)));
        incidents.postStatusUpdate(id, Status.MITIGATED, "rolled back", ALICE);
        relay();

        assertFalse(scheduled.containsKey("nudge-INC-0001"), "cancelled on mitigated");
        clock.set(before.at());
        assertTrue(cadence.fired(before).isEmpty());
        assertFalse(scheduled.containsKey("nudge-INC-0001"), "a mitigated incident sets no next nudge");
    }

    @Test
    void goingBackFromMitigated_orReopening_setsItAgainFromThen() {
        incidents.postStatusUpdate(id, Status.MITIGATED, "rolled back", ALICE);
        relay();
        clock.set(T0.plus(minutes(40)));
        incidents.changeStatus(id, Status.INVESTIGATING, ALICE);
        relay();
        assertEquals(T0.plus(minutes(55)), nudge().at(), "back to investigating at +40");

        incidents.postStatusUpdate(id, Status.RESOLVED, "fixed for good", ALICE);
        relay();
        assertFalse(scheduled.containsKey("nudge-INC-0001"), "cancelled on resolved");
        clock.set(T0.plus(minutes(60)));
        incidents.reopen(id, "errors again", ALICE);
        relay();
        assertEquals(T0.plus(minutes(75)), nudge().at(), "reopened at +60");
    }

    @Test
    void aSeverityChange_setsItAgainWithTheNewInterval_andASeverityNeverNudged_stopsIt() {
        clock.set(T0.plus(minutes(5)));
        incidents.changeSeverity(id, Severity.SEV3, ALICE);
        relay();
        assertEquals(T0.plus(minutes(65)), nudge().at(), "SEV3: an hour from the change");

        incidents.changeSeverity(id, Severity.SEV4, ALICE);
        relay();
        assertFalse(scheduled.containsKey("nudge-INC-0001"), "SEV4 is off by default");
    }

    @Test
    void aLateEvent_setsTheNextWholeIntervalNotBeforeNow_soARedeliveryRepeatsNoNudge() {
        clock.set(T0.plus(minutes(40)));

        cadence.arm(id);
        Reminder late = nudge();
        cadence.arm(id);

        assertEquals(T0.plus(minutes(45)), late.at(), "+15 and +30 have passed: the next is +45");
        assertEquals(late, nudge(), "the same nudge set again");
    }

    @Test
    void aNudgeDueWithinScheduledPrecision_isSetAMinuteAheadAtLeast() {
        clock.set(T0.plus(minutes(15)).minusSeconds(20));

        cadence.arm(id);

        assertEquals(clock.instant().plus(CadenceService.SCHEDULER_PRECISION), nudge().at(),
                "a time Scheduler may see as past is never asked for");
    }

    @Test
    void nextAfter_isTheFirstWholeIntervalLaterThanTheGivenTime() {
        Duration fifteen = minutes(15);
        assertEquals(T0.plus(fifteen), CadenceService.nextAfter(T0, fifteen, T0.minusSeconds(60)));
        assertEquals(T0.plus(fifteen), CadenceService.nextAfter(T0, fifteen, T0));
        assertEquals(T0.plus(minutes(30)), CadenceService.nextAfter(T0, fifteen, T0.plus(fifteen)));
        assertEquals(T0.plus(minutes(30)), CadenceService.nextAfter(T0, fifteen, T0.plus(minutes(29))));
    }

    @Test
    void nudgesAndPostmortemReminders_areNotMistakenForEachOther() {
        PostmortemService postmortems = new PostmortemService(store, scheduler, PostmortemPolicy.defaults(ZoneId.of("Asia/Tokyo")),
                clock, Messages.of(Messages.ENGLISH));

        assertThrows(IllegalArgumentException.class, () -> postmortems.reminderFired(nudge()));
        assertThrows(IllegalArgumentException.class,
                () -> cadence.fired(new Reminder("pm-INC-0001-due", "INC-0001", Kind.DUE, T0)));
    }

    @Test
    void aNudgeForAnIncidentThatIsGone_saysNothing() {
        assertTrue(cadence.fired(new Reminder("nudge-INC-0999", "INC-0999", Kind.NUDGE, T0)).isEmpty());
    }

    private Reminder nudge() {
        Reminder nudge = scheduled.get(CadenceService.nudgeId(id));
        assertTrue(nudge != null, "a nudge is set: " + scheduled);
        return nudge;
    }

    /** Committed events to the cadence, as the war-room function gets them. */
    private void relay() {
        List<DomainEvent> events = store.outbox().pending(100);
        events.forEach(cadence::on);
        store.outbox().relayed(events);
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }
}
