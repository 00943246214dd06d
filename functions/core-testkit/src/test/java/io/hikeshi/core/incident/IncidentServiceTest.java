package io.hikeshi.core.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertOutcome;
import io.hikeshi.core.alert.AlertRouting;
import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.alert.StoreContentionException;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.IncidentEvents;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentServiceTest {

    private static final Instant DETECTED = Instant.parse("2026-11-24T03:12:45.123Z");
    private static final Instant NOW = DETECTED.plus(Duration.ofMinutes(4));
    private static final String KEY = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:payment-api-5xx-rate";

    /** A clock tests move by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private InMemoryStorage memory;

    private Storage store;
    private MutableClock clock;
    private IncidentService service;

    @BeforeEach
    void setUp() {
        memory = InMemoryStorage.create();
        store = memory.ports();
        clock = new MutableClock(NOW);
        service = new IncidentService(store, clock);
    }

    /** An incident a person declared: no alert. */
    private IncidentId declared() {
        Incident incident = Incident.open(store.incidents().nextId(), "checkout latency", Severity.SEV3, "checkout", null,
                "p99 above 2s", DETECTED);
        assertEquals(CommitResult.COMMITTED,
                store.incidents().commit(new Change(null, new Change.Create(incident), null, List.of())));
        return incident.id();
    }

    private static Alert alarm(Instant at) {
        return new Alert("cloudwatch", KEY, "payment-api-5xx-rate", Signal.TRIGGER, "ALARM", at, "5xx above 5%",
                null, null, null);
    }

    private List<TimelineEntry> timeline(IncidentId id) {
        return store.incidents().timeline(id, 1000);
    }

    /** The entry as an English reader sees it. */
    private static String english(TimelineEntry entry) {
        return TimelineText.render(entry, Messages.of(Messages.ENGLISH));
    }

    // ---- single changes ----

    @Test
    void acknowledge_stampsTheTimeAndAppendsATimelineEntry() {
        IncidentId id = declared();

        Incident acked = service.acknowledge(id, "U123");

        assertEquals(Status.ACKNOWLEDGED, acked.status());
        assertEquals(NOW, acked.acknowledgedAt());
        assertEquals(2, acked.version());
        assertEquals(acked, store.incidents().find(id).orElseThrow(), "returns what was stored");
        List<TimelineEntry> timeline = timeline(id);
        assertEquals(1, timeline.size());
        TimelineEntry entry = timeline.get(0);
        assertEquals(TimelineKind.STATUS_CHANGED, entry.kind());
        assertEquals("U123", entry.actor());
        assertEquals(NOW, entry.at());
        assertEquals("Status → acknowledged", english(entry));
    }

    @Test
    void changeSeverity_appendsATimelineEntry() {
        IncidentId id = declared();

        Incident changed = service.changeSeverity(id, Severity.SEV1, "U123");

        assertEquals(Severity.SEV1, changed.severity());
        assertEquals(Severity.SEV1, store.incidents().find(id).orElseThrow().severity());
        TimelineEntry entry = timeline(id).get(0);
        assertEquals(TimelineKind.SEVERITY_CHANGED, entry.kind());
        assertEquals("Severity SEV3 → SEV1", english(entry));
        assertEquals("U123", entry.actor());
    }

    @Test
    void assignCommander_appendsATimelineEntry() {
        IncidentId id = declared();

        Incident changed = service.assignCommander(id, "U777", "U123");

        assertEquals("U777", changed.commander());
        TimelineEntry entry = timeline(id).stream().filter(e -> e.kind() == TimelineKind.COMMANDER_CHANGED).findFirst()
                .orElseThrow();
        assertEquals("Commander → U777", english(entry));
    }

    @Test
    void takingCommandOfATriggeredIncident_acknowledgesIt_andItsEventsSayThatOnce() {
        // GIVEN an incident nobody has acknowledged
        IncidentId id = declared();
        clock.set(NOW.plusSeconds(90));

        // WHEN someone takes command
        Incident taken = service.assignCommander(id, "U123", "U123");

        // THEN it is acknowledged at that moment, by that person, on the timeline and in one write
        assertEquals(Status.ACKNOWLEDGED, taken.status());
        assertEquals(NOW.plusSeconds(90), taken.acknowledgedAt());
        assertEquals(2, taken.version());
        assertEquals(List.of("Commander → U123", "Status → acknowledged"), timeline(id).stream()
                .map(IncidentServiceTest::english).sorted().toList());
        // and the events mark the acknowledgement as spoken for by the commander's change
        List<DomainEvent> events = memory.ports().outbox().pending(100);
        DomainEvent commander = events.stream().filter(e -> e.type() == DomainEvent.Type.COMMANDER_CHANGED).findFirst()
                .orElseThrow();
        assertEquals("true", commander.attribute("acknowledged"));
        assertTrue(events.stream().filter(e -> e.type() == DomainEvent.Type.STATUS_CHANGED)
                .allMatch(e -> "true".equals(e.attribute(IncidentEvents.BY_COMMAND))));
    }

    @Test
    void handingCommandOnLater_acknowledgesNothingMore() {
        IncidentId id = declared();
        service.assignCommander(id, "U123", "U123");
        clock.set(NOW.plusSeconds(600));

        Incident handed = service.assignCommander(id, "U777", "U123");

        assertEquals(NOW, handed.acknowledgedAt(), "acknowledged when command was first taken");
        assertEquals(3, timeline(id).size());
    }

    @Test
    void aRepeatedDeclareSubmission_declaresNothing_andUsesUpNoIncidentNumber() {
        // GIVEN a declare form submitted once
        Incident first = service.declare("checkout latency", Severity.SEV3, "checkout", null, "U0ALICE", "view-1").orElseThrow();

        // WHEN the same submission arrives again (Slack retries it), then another form is submitted
        var repeat = service.declare("checkout latency", Severity.SEV3, "checkout", null, "U0ALICE", "view-1");
        Incident next = service.declare("search down", Severity.SEV2, "search", null, "U0BOB", "view-2").orElseThrow();

        // THEN the repeat declared nothing, and the next incident has the next number: none went missing
        assertTrue(repeat.isEmpty());
        assertEquals(first.id().number() + 1, next.id().number());
        assertEquals(2, store.search().recent(10).size());
    }

    @Test
    void successiveChanges_eachAppendAnEntryAndBumpTheVersion() {
        IncidentId id = declared();

        service.acknowledge(id, "U1");
        clock.set(NOW.plusSeconds(60));
        service.changeSeverity(id, Severity.SEV2, "U1");
        clock.set(NOW.plusSeconds(120));
        service.assignCommander(id, "U2", "U1");
        clock.set(NOW.plusSeconds(180));
        Incident mitigated = service.changeStatus(id, Status.MITIGATED, "U2");

        assertEquals(5, mitigated.version());
        assertEquals(NOW, mitigated.acknowledgedAt());
        assertEquals(NOW.plusSeconds(180), mitigated.mitigatedAt());
        assertEquals(List.of(TimelineKind.STATUS_CHANGED, TimelineKind.SEVERITY_CHANGED,
                        TimelineKind.COMMANDER_CHANGED, TimelineKind.STATUS_CHANGED),
                timeline(id).stream().map(TimelineEntry::kind).toList());
    }

    @Test
    void addNote_appendsWithoutChangingTheIncident() {
        IncidentId id = declared();
        Incident before = store.incidents().find(id).orElseThrow();

        service.addNote(id, "U123", "rolled back deploy 4711");

        assertEquals(before, store.incidents().find(id).orElseThrow());
        TimelineEntry note = timeline(id).get(0);
        assertEquals(TimelineKind.NOTE, note.kind());
        assertEquals("rolled back deploy 4711", note.text());
    }

    @Test
    void addNote_announcesTheNoteAsWritten() {
        // GIVEN an incident
        IncidentId id = declared();

        // WHEN someone adds a note
        service.addNote(id, "U123", "rolled back deploy 4711");

        // THEN the domain event carries the note's kind and its text as written, for consumers of the bus
        DomainEvent added = store.outbox().pending(10).stream()
                .filter(e -> e.type() == DomainEvent.Type.TIMELINE_ENTRY_ADDED).findFirst().orElseThrow();
        assertEquals("NOTE", added.attribute("kind"));
        assertEquals("rolled back deploy 4711", added.attribute("text"));
    }

    @Test
    void changes_storeTheirFacts_notSentences() {
        // GIVEN an incident a person declared with a description
        Incident declared = service.declare("checkout latency", Severity.SEV3, "checkout", "p99 above 2s", "U0ALICE",
                "view-1").orElseThrow();

        // WHEN its status, severity and commander change and a status update is posted
        service.acknowledge(declared.id(), "U0ALICE");
        service.changeSeverity(declared.id(), Severity.SEV1, "U0ALICE");
        service.assignCommander(declared.id(), "U0BOB", "U0ALICE");
        service.postStatusUpdate(declared.id(), Status.MITIGATED, "rolled back", "U0BOB");

        // THEN each entry keeps its kind's parameters, and as text only what a person wrote
        record Stored(TimelineKind kind, Map<String, String> params, String text) { }
        assertEquals(Set.of(
                        new Stored(TimelineKind.OPENED, Map.of("variant", "declared"), "p99 above 2s"),
                        new Stored(TimelineKind.STATUS_CHANGED, Map.of("status", "acknowledged"), ""),
                        new Stored(TimelineKind.SEVERITY_CHANGED, Map.of("from", "SEV3", "to", "SEV1"), ""),
                        new Stored(TimelineKind.COMMANDER_CHANGED, Map.of("commander", "U0BOB"), ""),
                        new Stored(TimelineKind.STATUS_CHANGED, Map.of("status", "mitigated"), ""),
                        new Stored(TimelineKind.STATUS_UPDATE, Map.of("status", "mitigated"), "rolled back")),
                timeline(declared.id()).stream().map(e -> new Stored(e.kind(), e.params(), e.text()))
                        .collect(Collectors.toSet()));
    }

    @Test
    void unknownIncident_isNotFound() {
        IncidentId missing = new IncidentId(999);

        assertThrows(IncidentNotFoundException.class, () -> service.get(missing));
        assertThrows(IncidentNotFoundException.class, () -> service.acknowledge(missing, "U1"));
        assertThrows(IncidentNotFoundException.class, () -> service.addNote(missing, "U1", "x"));
        assertTrue(memory.allTimelineEntries().isEmpty());
    }

    // ---- refused changes write nothing ----

    @Test
    void acknowledgingAResolvedIncident_throwsAndWritesNothing() {
        // GIVEN a resolved incident WHEN someone acknowledges it THEN a clear error and no write at all
        IncidentId id = declared();
        service.changeStatus(id, Status.RESOLVED, "U1");
        Incident before = store.incidents().find(id).orElseThrow();
        int entriesBefore = timeline(id).size();

        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> service.acknowledge(id, "U2"));

        assertTrue(e.getMessage().contains("from resolved to acknowledged"), e.getMessage());
        assertEquals(before, store.incidents().find(id).orElseThrow());
        assertEquals(entriesBefore, timeline(id).size());
    }

    @Test
    void changingTheSeverityOfAResolvedIncident_throwsAndWritesNothing() {
        IncidentId id = declared();
        service.changeStatus(id, Status.RESOLVED, "U1");
        Incident before = store.incidents().find(id).orElseThrow();

        assertThrows(IllegalStateException.class, () -> service.changeSeverity(id, Severity.SEV1, "U2"));
        assertThrows(IllegalStateException.class, () -> service.assignCommander(id, "U3", "U2"));

        assertEquals(before, store.incidents().find(id).orElseThrow());
        assertEquals(1, timeline(id).size());
    }

    // ---- resolving frees the alert ----

    @Test
    void resolvingAnAlertOpenedIncident_freesTheAlert_soTheNextTriggerOpensANewIncident() {
        // GIVEN an incident opened by an alarm
        AlertIntakeService intake = new AlertIntakeService(store, AlertRouting.defaults(), false);
        IncidentId first = intake.receive(alarm(DETECTED), "d1").incident();

        // WHEN a person resolves it
        Incident resolved = service.changeStatus(first, Status.RESOLVED, "U1");

        // THEN the alert has no open incident, and its next firing opens a new one
        assertEquals(Status.RESOLVED, resolved.status());
        AlertState state = store.alerts().find(KEY).orElseThrow();
        assertNull(state.openIncident());
        assertEquals(first, state.lastIncident());

        AlertOutcome next = intake.receive(alarm(NOW.plusSeconds(60)), "d2");
        assertEquals(AlertOutcome.Kind.OPENED, next.kind());
        assertNotEquals(first, next.incident());
        assertEquals(Status.TRIGGERED, store.incidents().find(next.incident()).orElseThrow().status());
        assertEquals(Status.RESOLVED, store.incidents().find(first).orElseThrow().status());
    }

    @Test
    void mitigatingAnAlertOpenedIncident_keepsTheAlertLinked() {
        AlertIntakeService intake = new AlertIntakeService(store, AlertRouting.defaults(), false);
        IncidentId id = intake.receive(alarm(DETECTED), "d1").incident();

        service.changeStatus(id, Status.MITIGATED, "U1");

        assertEquals(id, store.alerts().find(KEY).orElseThrow().openIncident());
        assertEquals(AlertOutcome.Kind.COUNTED, intake.receive(alarm(NOW.plusSeconds(60)), "d2").kind());
    }

    @Test
    void resolvingAnIncidentTheAlertNoLongerPointsAt_leavesTheAlertAlone() {
        // GIVEN the alert's open incident is B WHEN a person resolves an older incident A of the same alert
        AlertIntakeService intake = new AlertIntakeService(store, AlertRouting.defaults(), false);
        IncidentId b = intake.receive(alarm(DETECTED), "d1").incident();
        Incident a = Incident.open(store.incidents().nextId(), "payment-api-5xx-rate", Severity.SEV3, "payments", KEY, "",
                DETECTED.minusSeconds(3600));
        store.incidents().commit(new Change(null, new Change.Create(a), null, List.of()));
        AlertState before = store.alerts().find(KEY).orElseThrow();

        service.changeStatus(a.id(), Status.RESOLVED, "U1");

        // THEN B stays the alert's open incident
        assertEquals(before, store.alerts().find(KEY).orElseThrow());
        assertEquals(b, store.alerts().find(KEY).orElseThrow().openIncident());
    }

    @Test
    void takingCommandTwice_orTheSameSeverityAgain_writesNothing() {
        IncidentId id = declared();
        service.assignCommander(id, "U123", "U123");
        long version = store.incidents().find(id).orElseThrow().version();

        service.assignCommander(id, "U123", "U123");
        service.changeSeverity(id, store.incidents().find(id).orElseThrow().severity(), "U123");

        assertEquals(version, store.incidents().find(id).orElseThrow().version());
        assertEquals(2, timeline(id).size(), "the first took command and acknowledged; the repeats wrote nothing");
    }

    // ---- concurrency ----

    @Test
    void concurrentSeverityAndCommanderChanges_allSurvive_andTheVersionCountsEveryWrite() throws Exception {
        // GIVEN one incident WHEN many threads change severity and commander at once
        IncidentId id = declared();
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean severityThread = t % 2 == 0;
            String actor = "U" + t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int n = 0; n < perThread; n++) {
                    Severity severity = Severity.values()[n % 2];
                    String commander = "U-commander-" + actor + "-" + n;
                    Runnable write = severityThread
                            ? () -> service.changeSeverity(id, severity, actor)
                            : () -> service.assignCommander(id, commander, actor);
                    retryOnContention(write);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

        // THEN neither kind of change was lost, and every real change was written once
        // (a severity write that finds the same severity already set is a no-op, like a double click)
        Incident now = store.incidents().find(id).orElseThrow();
        List<TimelineEntry> timeline = timeline(id);
        long severityChanges = timeline.stream().filter(e -> e.kind() == TimelineKind.SEVERITY_CHANGED).count();
        long commanderChanges = timeline.stream().filter(e -> e.kind() == TimelineKind.COMMANDER_CHANGED).count();
        assertEquals(threads / 2 * perThread, commanderChanges, "every commander write was a change and was kept");
        assertTrue(now.commander().startsWith("U-commander-"), "no severity write overwrote the commander");
        assertTrue(severityChanges >= 1);
        assertEquals(1 + severityChanges + commanderChanges, now.version(), "one version per write, none lost");
    }

    /**
     * Does what {@link StoreContentionException} asks ("try again"). IncidentService retries 10 times
     * without backing off, so a writer among 8 busy ones occasionally gives up; what matters here is
     * that no change is lost and none is applied twice.
     */
    private static void retryOnContention(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (StoreContentionException e) {
                if (attempt == 20) {
                    throw e;
                }
                Thread.yield();
            }
        }
    }

    @Test
    void severityAndCommanderRacingOnce_bothWin() throws Exception {
        // GIVEN two people acting at the same moment, many times over, each on a fresh incident
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                IncidentId id = declared();
                CountDownLatch start = new CountDownLatch(1);
                Future<?> severity = pool.submit(() -> {
                    start.await();
                    return service.changeSeverity(id, Severity.SEV1, "U1");
                });
                Future<?> commander = pool.submit(() -> {
                    start.await();
                    return service.assignCommander(id, "U2", "U2");
                });
                start.countDown();
                severity.get(10, TimeUnit.SECONDS);
                commander.get(10, TimeUnit.SECONDS);

                // THEN both changes are in the stored incident
                Incident now = store.incidents().find(id).orElseThrow();
                assertEquals(Severity.SEV1, now.severity(), "round " + round);
                assertEquals("U2", now.commander(), "round " + round);
                assertEquals(3, now.version(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void constructor_refusesNulls() {
        assertThrows(NullPointerException.class, () -> new IncidentService(null, Clock.systemUTC()));
        assertThrows(NullPointerException.class, () -> new IncidentService(store, null));
    }

    // ---- reopening ----

    @Test
    void reopen_withinTheWindow_investigatesAgain_withTheReasonOnTheTimeline_andInItsEvent() {
        // GIVEN an incident resolved now
        IncidentId id = declared();
        service.postStatusUpdate(id, Status.RESOLVED, "rolled back", "U0BOB");
        store.outbox().relayed(store.outbox().pending(100));

        // WHEN it is reopened 71 hours later (the window is 72)
        clock.set(NOW.plus(Duration.ofHours(71)));
        Incident reopened = service.reopen(id, "errors are back after the cache expired", "U0CAROL");

        // THEN investigating, no longer resolved; the reason is on the timeline and in the event
        assertEquals(Status.INVESTIGATING, reopened.status());
        assertNull(reopened.resolvedAt());
        TimelineEntry last = store.incidents().timeline(id, 100).getLast();
        assertEquals("Reopened (status → investigating): errors are back after the cache expired",
                TimelineText.render(last, Messages.of(Messages.ENGLISH)));
        assertEquals("U0CAROL", last.actor());
        List<DomainEvent> events = store.outbox().pending(100);
        assertEquals(List.of(DomainEvent.Type.STATUS_CHANGED), events.stream().map(DomainEvent::type).toList());
        assertEquals("resolved", events.get(0).attribute("previousStatus"));
        assertEquals("errors are back after the cache expired", events.get(0).attribute("reason"));
    }

    @Test
    void reopen_afterTheWindow_isRefused_sayingToDeclareANewIncident_andChangesNothing() {
        // GIVEN an incident resolved now, and a 24-hour window
        service = new IncidentService(store, clock, Duration.ofHours(24));
        IncidentId id = declared();
        service.postStatusUpdate(id, Status.RESOLVED, "rolled back", "U0BOB");
        Incident resolved = service.get(id);

        // WHEN someone tries 25 hours later
        clock.set(NOW.plus(Duration.ofHours(25)));
        var refusal = assertThrows(io.hikeshi.core.Refusal.class, () -> service.reopen(id, "again", "U0CAROL"));

        // THEN refused, in the reader's language, and the incident is as it was
        assertEquals("INC-0001 was resolved more than 24 hours ago: declare a new incident and link this one",
                refusal.getMessage());
        assertTrue(refusal.reason(Messages.of(Messages.JAPANESE)).contains("24 時間以上"));
        assertEquals(resolved, service.get(id));
    }

    @Test
    void reopen_ofAnOpenIncident_isRefused() {
        IncidentId id = declared();

        assertThrows(IllegalTransitionException.class, () -> service.reopen(id, "why not", "U0CAROL"));

        assertEquals(Status.TRIGGERED, service.get(id).status());
    }
}
