package io.hikeshi.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.alert.AlertOutcome.Kind;
import io.hikeshi.core.alert.AlertRouting.Route;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertIntakeServiceTest {

    private static final String KEY = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:payment-api-5xx-rate";
    private static final String NAME = "payment-api-5xx-rate";
    private static final Instant T1 = Instant.parse("2026-11-24T03:12:45.123Z");
    private static final Instant T2 = T1.plus(Duration.ofMinutes(5));
    private static final Instant T3 = T1.plus(Duration.ofMinutes(10));
    private static final Instant T4 = T1.plus(Duration.ofMinutes(15));
    private static final Instant T5 = T1.plus(Duration.ofMinutes(20));

    private static final AlertRouting ROUTING = new AlertRouting(
            List.of(new Route("payment-*", "payments", Severity.SEV1)), "platform", Severity.SEV3);

    private InMemoryStorage memory;

    private Storage store;

    @BeforeEach
    void newStore() {
        memory = InMemoryStorage.create();
        store = memory.ports();
    }

    // ---- helpers ----

    private AlertIntakeService intake(boolean resolveOnRecovery) {
        return new AlertIntakeService(store, ROUTING, resolveOnRecovery);
    }

    private static Alert alarm(Instant at) {
        return alert(Signal.TRIGGER, "ALARM", at);
    }

    private static Alert ok(Instant at) {
        return alert(Signal.RESOLVE, "OK", at);
    }

    private static Alert alert(Signal signal, String state, Instant at) {
        return new Alert("cloudwatch", KEY, NAME, signal, state, at, "5xx above 5% for 3 datapoints", null, null,
                Map.of("region", "eu-west-1"));
    }

    private Incident incident(IncidentId id) {
        return store.incidents().find(id).orElseThrow();
    }

    private List<TimelineEntry> timeline(IncidentId id) {
        return store.incidents().timeline(id, 100);
    }

    /** The entry as an English reader sees it. */
    private static String english(TimelineEntry entry) {
        return TimelineText.render(entry, Messages.of(Messages.ENGLISH));
    }

    private AlertState alertState() {
        return store.alerts().find(KEY).orElseThrow();
    }

    private static IncidentService people(Storage store, Instant now) {
        return new IncidentService(store, Clock.fixed(now, ZoneOffset.UTC));
    }

    // ---- opening and repeats ----

    @Test
    void firstAlarm_opensExactlyOneRoutedIncident() {
        // GIVEN an alert never seen WHEN it fires
        AlertOutcome outcome = intake(false).receive(alarm(T1), "d1");

        // THEN one triggered incident, routed, detected at the alarm's own time
        assertEquals(Kind.OPENED, outcome.kind());
        assertNotNull(outcome.incident());
        assertEquals(1, store.search().recent(10).size());
        Incident i = incident(outcome.incident());
        assertEquals(Status.TRIGGERED, i.status());
        assertEquals(Severity.SEV1, i.severity());
        assertEquals("payments", i.service());
        assertEquals(NAME, i.title());
        assertEquals(KEY, i.alertKey());
        assertEquals(T1, i.detectedAt());
        assertEquals(1, i.occurrences());
        assertEquals(1, i.version());

        AlertState state = alertState();
        assertEquals(outcome.incident(), state.openIncident());
        assertEquals(outcome.incident(), state.lastIncident());
        assertEquals("ALARM", state.signal());
        assertEquals(T1, state.signalAt());

        List<TimelineEntry> timeline = timeline(outcome.incident());
        assertEquals(1, timeline.size());
        assertEquals(TimelineKind.OPENED, timeline.get(0).kind());
        assertEquals(T1, timeline.get(0).at());
        assertEquals("cloudwatch", timeline.get(0).actor());
    }

    @Test
    void firstAlarm_withItsOwnServiceAndSeverity_usesThem() {
        Alert tagged = new Alert("cloudwatch", KEY, NAME, Signal.TRIGGER, "ALARM", T1, "", "ledger", Severity.SEV4,
                null);

        Incident i = incident(intake(false).receive(tagged, "d1").incident());

        assertEquals("ledger", i.service());
        assertEquals(Severity.SEV4, i.severity());
    }

    @Test
    void exactRepeat_withAnotherDeliveryId_countsButAddsNoTimelineEntry() {
        // GIVEN an open incident WHEN the same firing (state and time) arrives under another delivery id
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();

        AlertOutcome outcome = intake.receive(alarm(T1), "d2");

        // THEN it is counted, and the timeline is not cluttered
        assertEquals(Kind.COUNTED, outcome.kind());
        assertEquals(id, outcome.incident());
        assertEquals(1, store.search().recent(10).size());
        assertEquals(2, incident(id).occurrences());
        assertEquals(1, timeline(id).size());
        assertEquals(2, memory.deliveriesRecorded());
    }

    @Test
    void newerFiring_countsAndAddsATimelineEntry() {
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();

        AlertOutcome outcome = intake.receive(alarm(T2), "d2");

        assertEquals(Kind.COUNTED, outcome.kind());
        assertEquals(2, incident(id).occurrences());
        assertEquals(Status.TRIGGERED, incident(id).status());
        List<TimelineEntry> timeline = timeline(id);
        assertEquals(2, timeline.size());
        assertEquals(TimelineKind.ALERT_REPEATED, timeline.get(1).kind());
        assertEquals(T2, timeline.get(1).at());
        assertTrue(english(timeline.get(1)).startsWith("Alert fired again"), english(timeline.get(1)));
        assertEquals(T2, alertState().signalAt());
    }

    @Test
    void olderFiring_whileOpen_countsWithoutMovingTheAlertStateBack() {
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        intake.receive(alarm(T3), "d2");

        AlertOutcome outcome = intake.receive(alarm(T2), "d3");

        assertEquals(Kind.COUNTED, outcome.kind());
        assertEquals(3, incident(id).occurrences());
        assertEquals(T3, alertState().signalAt(), "a late delivery never regresses the newest state");
        TimelineEntry late = timeline(id).get(1);
        assertEquals(T2, late.at(), "late deliveries land in their place in the timeline");
        assertTrue(english(late).startsWith("Late delivery of an earlier firing"), english(late));
    }

    @Test
    void sameDeliveryIdTwice_isDuplicateAndChangesNothing() {
        // GIVEN a delivery already received WHEN it is redelivered THEN DUPLICATE, nothing written
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        AlertState stateBefore = alertState();

        AlertOutcome outcome = intake.receive(alarm(T1), "d1");

        assertEquals(Kind.DUPLICATE, outcome.kind());
        assertEquals(1, store.search().recent(10).size());
        assertEquals(1, incident(id).occurrences());
        assertEquals(1, timeline(id).size());
        assertEquals(stateBefore, alertState());
        assertEquals(1, memory.deliveriesRecorded());
    }

    @Test
    void sameRecoveryDeliveredTwice_isDuplicate() {
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        intake.receive(ok(T2), "d2");
        Incident before = incident(id);

        AlertOutcome outcome = intake.receive(ok(T2), "d2");

        assertEquals(Kind.DUPLICATE, outcome.kind());
        assertEquals(before, incident(id));
        assertEquals(2, timeline(id).size());
    }

    // ---- recovery ----

    @Test
    void newerRecovery_mitigates_whenNotResolvingOnRecovery() {
        // GIVEN an open incident WHEN its alarm goes back to OK THEN it is mitigated, still open, still linked
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();

        AlertOutcome outcome = intake.receive(ok(T2), "d2");

        assertEquals(Kind.RECOVERED, outcome.kind());
        assertEquals(id, outcome.incident());
        Incident i = incident(id);
        assertEquals(Status.MITIGATED, i.status());
        assertEquals(T2, i.mitigatedAt());
        assertNull(i.resolvedAt());
        assertEquals(2, i.version());
        AlertState state = alertState();
        assertEquals(id, state.openIncident());
        assertEquals(T2, state.lastRecoveredAt());
        assertEquals("OK", state.signal());
        TimelineEntry recovered = timeline(id).get(1);
        assertEquals(TimelineKind.ALERT_RECOVERED, recovered.kind());
        assertEquals(T2, recovered.at());
    }

    @Test
    void newerRecovery_resolvesAndFreesTheAlert_whenResolvingOnRecovery() {
        AlertIntakeService intake = intake(true);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();

        AlertOutcome outcome = intake.receive(ok(T2), "d2");

        assertEquals(Kind.RECOVERED, outcome.kind());
        Incident i = incident(id);
        assertEquals(Status.RESOLVED, i.status());
        assertEquals(T2, i.mitigatedAt());
        assertEquals(T2, i.resolvedAt());
        AlertState state = alertState();
        assertNull(state.openIncident());
        assertEquals(id, state.lastIncident());
        assertEquals(T2, state.lastRecoveredAt());
    }

    @Test
    void alarmAfterAutoResolve_opensANewIncident() {
        // GIVEN an incident resolved by its recovery WHEN the alarm fires again later THEN a NEW incident
        AlertIntakeService intake = intake(true);
        IncidentId first = intake.receive(alarm(T1), "d1").incident();
        intake.receive(ok(T2), "d2");

        AlertOutcome outcome = intake.receive(alarm(T3), "d3");

        assertEquals(Kind.OPENED, outcome.kind());
        assertNotEquals(first, outcome.incident());
        assertEquals(2, store.search().recent(10).size());
        assertEquals(Status.RESOLVED, incident(first).status());
        assertEquals(1, incident(first).occurrences());
        Incident second = incident(outcome.incident());
        assertEquals(Status.TRIGGERED, second.status());
        assertEquals(T3, second.detectedAt());
        assertEquals(outcome.incident(), alertState().openIncident());
    }

    @Test
    void alarmAfterAutoMitigation_countsOnTheStillOpenIncident() {
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        intake.receive(ok(T2), "d2");

        AlertOutcome outcome = intake.receive(alarm(T3), "d3");

        assertEquals(Kind.COUNTED, outcome.kind());
        assertEquals(id, outcome.incident());
        assertEquals(1, store.search().recent(10).size());
        assertEquals(2, incident(id).occurrences());
    }

    @Test
    void recoveryOlderThanTheNewestAlarm_isStale_leavesIncidentUnchanged_andNotesIt() {
        // GIVEN ALARM at t1 and t3 WHEN an OK from t2 arrives late THEN stale: still triggered, a note on the timeline
        AlertIntakeService intake = intake(true);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        intake.receive(alarm(T3), "d2");
        Incident before = incident(id);
        AlertState stateBefore = alertState();

        AlertOutcome outcome = intake.receive(ok(T2), "d3");

        assertEquals(Kind.STALE, outcome.kind());
        assertEquals(id, outcome.incident());
        assertEquals(before, incident(id));
        assertEquals(Status.TRIGGERED, incident(id).status());
        assertEquals(stateBefore, alertState());
        List<TimelineEntry> notes = timeline(id).stream().filter(e -> e.kind() == TimelineKind.ALERT_NOTE).toList();
        assertEquals(1, notes.size());
        assertEquals(T2, notes.get(0).at());
        assertTrue(english(notes.get(0)).contains("Late OK ignored"), english(notes.get(0)));
    }

    @Test
    void recoveryBeforeAnyAlarm_recordsStateOnly() {
        AlertOutcome outcome = intake(false).receive(ok(T2), "d1");

        assertEquals(Kind.RECORDED, outcome.kind());
        assertNull(outcome.incident());
        assertTrue(store.search().recent(10).isEmpty());
        assertEquals(T2, alertState().lastRecoveredAt());
        assertNull(alertState().openIncident());
    }

    // ---- out of order: the OK overtakes its ALARM ----

    @Test
    void okBeforeAlarm_opensIncidentAlreadyMitigated() {
        // GIVEN the OK at t2 arrives first WHEN the ALARM at t1 < t2 arrives THEN opened, but never left triggered
        AlertIntakeService intake = intake(false);
        intake.receive(ok(T2), "d-ok");

        AlertOutcome outcome = intake.receive(alarm(T1), "d-alarm");

        assertEquals(Kind.OPENED, outcome.kind());
        assertEquals(1, store.search().recent(10).size());
        Incident i = incident(outcome.incident());
        assertEquals(Status.MITIGATED, i.status());
        assertEquals(T1, i.detectedAt());
        assertEquals(T2, i.mitigatedAt());
        assertNull(i.resolvedAt());
        AlertState state = alertState();
        assertEquals("OK", state.signal(), "the newer OK stays the newest state");
        assertEquals(T2, state.signalAt());
        List<TimelineEntry> timeline = timeline(i.id());
        assertEquals(List.of(TimelineKind.OPENED, TimelineKind.ALERT_RECOVERED),
                timeline.stream().map(TimelineEntry::kind).toList());
        assertEquals(List.of(T1, T2), timeline.stream().map(TimelineEntry::at).toList());
    }

    @Test
    void okBeforeAlarm_withAutoResolve_opensIncidentAlreadyResolved_andFreesTheAlert() {
        AlertIntakeService intake = intake(true);
        intake.receive(ok(T2), "d-ok");

        AlertOutcome outcome = intake.receive(alarm(T1), "d-alarm");

        assertEquals(Kind.OPENED, outcome.kind());
        Incident i = incident(outcome.incident());
        assertEquals(Status.RESOLVED, i.status());
        assertEquals(T2, i.resolvedAt());
        assertNull(alertState().openIncident());

        // AND a later firing opens a new incident
        AlertOutcome next = intake.receive(alarm(T3), "d-alarm-2");
        assertEquals(Kind.OPENED, next.kind());
        assertNotEquals(i.id(), next.incident());
        assertEquals(Status.TRIGGERED, incident(next.incident()).status());
    }

    @Test
    void lateAlarm_olderThanTheRecoveryOfTheLastResolvedIncident_isStaleAndAttachedToIt() {
        // GIVEN ALARM t1 opened an incident and OK t3 resolved it WHEN an ALARM from t2 arrives late
        AlertIntakeService intake = intake(true);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        intake.receive(ok(T3), "d2");
        Incident before = incident(id);

        AlertOutcome outcome = intake.receive(alarm(T2), "d3");

        // THEN no new incident; a note on the resolved one, which stays closed
        assertEquals(Kind.STALE, outcome.kind());
        assertEquals(id, outcome.incident());
        assertEquals(1, store.search().recent(10).size());
        assertEquals(before, incident(id));
        assertNull(alertState().openIncident());
        TimelineEntry note = timeline(id).stream().filter(e -> e.kind() == TimelineKind.ALERT_NOTE)
                .findFirst().orElseThrow();
        assertEquals(T2, note.at());
    }

    @Test
    void lateAlarm_olderThanARecovery_afterAPersonResolvedTheIncident_isStale() {
        // GIVEN ALARM t1, OK t3 (mitigates), a person resolves WHEN an ALARM from t2 arrives late THEN stale
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        intake.receive(ok(T3), "d2");
        people(store, T4).changeStatus(id, Status.RESOLVED, "U123");

        AlertOutcome outcome = intake.receive(alarm(T2), "d3");

        assertEquals(Kind.STALE, outcome.kind());
        assertEquals(id, outcome.incident());
        assertEquals(1, store.search().recent(10).size());
        assertEquals(Status.RESOLVED, incident(id).status());
    }

    @Test
    void alarmBetweenTwoRecoveries_overtakenByTheSecondOk_opensANewIncident() {
        // GIVEN ALARM t1 → incident A, OK t2 resolves A; the alarm fires again at t3 and recovers at t4
        AlertIntakeService intake = intake(true);
        IncidentId a = intake.receive(alarm(T1), "d1").incident();
        intake.receive(ok(T2), "d2");

        // WHEN the OK of t4 arrives before the ALARM of t3
        intake.receive(ok(T4), "d4");
        AlertOutcome outcome = intake.receive(alarm(T3), "d3");

        // THEN the t3 firing is a new incident (already resolved at t4), not a late note on A
        assertEquals(Kind.OPENED, outcome.kind());
        assertNotEquals(a, outcome.incident());
        Incident b = incident(outcome.incident());
        assertEquals(T3, b.detectedAt());
        assertEquals(Status.RESOLVED, b.status());
        assertEquals(T4, b.resolvedAt());
        assertTrue(timeline(a).stream().noneMatch(e -> e.at().isAfter(T2)),
                "nothing after A's recovery is attached to A");
    }

    // ---- notes: INSUFFICIENT_DATA, unknown states ----

    @ParameterizedTest
    @ValueSource(strings = {"INSUFFICIENT_DATA", "FOO"})
    void note_withNoIncidentOpen_neverOpensOne(String state) {
        AlertOutcome outcome = intake(false).receive(alert(Signal.NOTE, state, T1), "d1");

        assertEquals(Kind.RECORDED, outcome.kind());
        assertNull(outcome.incident());
        assertTrue(store.search().recent(10).isEmpty());
        assertNull(alertState().openIncident());
        assertEquals(state, alertState().signal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSUFFICIENT_DATA", "FOO"})
    void note_onAnOpenIncident_isRecordedAndNeverChangesItsStatus(String state) {
        // GIVEN an open incident WHEN a NOTE state arrives THEN a timeline note, status and counts untouched
        AlertIntakeService intake = intake(true);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        Incident before = incident(id);

        AlertOutcome outcome = intake.receive(alert(Signal.NOTE, state, T2), "d2");

        assertEquals(Kind.RECORDED, outcome.kind());
        assertEquals(id, outcome.incident());
        assertEquals(before, incident(id));
        assertEquals(id, alertState().openIncident());
        TimelineEntry note = timeline(id).get(1);
        assertEquals(TimelineKind.ALERT_NOTE, note.kind());
        assertEquals(T2, note.at());
        assertTrue(english(note).contains(state), english(note));
        assertEquals(state, note.attributes().get("state"));
    }

    @Test
    void note_onAMitigatedIncident_leavesItMitigated() {
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        intake.receive(ok(T2), "d2");

        intake.receive(alert(Signal.NOTE, "INSUFFICIENT_DATA", T3), "d3");

        assertEquals(Status.MITIGATED, incident(id).status());
        assertEquals(3, timeline(id).size());
    }

    @Test
    void alarmFiringAgainAfterRecovering_sendsTheMitigatedIncidentBackToInvestigating() {
        // GIVEN ALARM t1, OK t2 (mitigated, no auto-resolve) WHEN the alarm fires again at t3
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        intake.receive(ok(T2), "d2");

        AlertOutcome outcome = intake.receive(alarm(T3), "d3");

        // THEN the same incident is investigated again, the firing counted and on the timeline
        assertEquals(Kind.COUNTED, outcome.kind());
        assertEquals(id, outcome.incident());
        Incident i = incident(id);
        assertEquals(Status.INVESTIGATING, i.status());
        assertEquals(2, i.occurrences());
        assertEquals(1, store.search().recent(10).size());
        assertEquals(TimelineKind.ALERT_REPEATED, timeline(id).get(2).kind());
        assertEquals(Kind.DUPLICATE, intake.receive(alarm(T3), "d3").kind());
        assertEquals(2, incident(id).occurrences());
        // AND nobody acknowledged it: the alarm's firing is not a person (time to acknowledge stays open)
        assertNull(i.acknowledgedAt());
        assertTrue(i.timeToAcknowledge().isEmpty());
    }

    @Test
    void note_thenAlarm_opensNormally() {
        AlertIntakeService intake = intake(false);
        intake.receive(alert(Signal.NOTE, "INSUFFICIENT_DATA", T1), "d1");

        AlertOutcome outcome = intake.receive(alarm(T2), "d2");

        assertEquals(Kind.OPENED, outcome.kind());
        assertEquals(Status.TRIGGERED, incident(outcome.incident()).status());
    }

    // ---- concurrency ----

    @Test
    void alarmStorm_twoIntakesSharingAStore_opensOneIncidentAndCountsEveryDelivery() throws Exception {
        // GIVEN two intake instances (two Lambda containers) on one store
        List<AlertIntakeService> intakes = List.of(intake(false), intake(false));
        int threads = 16;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AlertOutcome>>> futures = new ArrayList<>();

        // WHEN 16 threads × 50 deliveries of the same alarm (distinct delivery ids) arrive at once
        for (int t = 0; t < threads; t++) {
            AlertIntakeService intake = intakes.get(t % 2);
            int thread = t;
            Callable<List<AlertOutcome>> task = () -> {
                start.await();
                List<AlertOutcome> outcomes = new ArrayList<>();
                for (int d = 0; d < perThread; d++) {
                    outcomes.add(intake.receive(alarm(T1), "delivery-" + thread + "-" + d));
                }
                return outcomes;
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<AlertOutcome> outcomes = new ArrayList<>();
        for (Future<List<AlertOutcome>> f : futures) {
            outcomes.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

        // THEN exactly one incident, every delivery counted once
        List<Incident> incidents = store.search().recent(100);
        assertEquals(1, incidents.size());
        Incident i = incidents.get(0);
        assertEquals(threads * perThread, i.occurrences());
        assertEquals(1, outcomes.stream().filter(o -> o.kind() == Kind.OPENED).count());
        assertEquals(threads * perThread - 1, outcomes.stream().filter(o -> o.kind() == Kind.COUNTED).count());
        assertTrue(outcomes.stream().allMatch(o -> i.id().equals(o.incident())));
        assertEquals(threads * perThread, memory.deliveriesRecorded());
        assertEquals(1, timeline(i.id()).size(), "exact repeats add no timeline entries");
        assertEquals(i.id(), alertState().openIncident());
    }

    // ---- what a reader sees ----

    @Test
    void everyEntryTheIntakeWrites_readsInJapanese_withNoEnglishWordOfOurs() {
        // GIVEN an alarm's whole life: it opens, repeats, repeats late, reports no data, is acknowledged twice,
        // recovers, recovers late, fires again after recovering, and fires late once a person closed it
        AlertIntakeService intake = intake(false);
        IncidentId id = intake.receive(alarm(T1), "d1").incident();
        intake.receive(alarm(T2), "d2");
        intake.receive(alarm(T1.plusSeconds(1)), "d3");
        intake.receive(alert(Signal.NOTE, "INSUFFICIENT_DATA", T2.plusSeconds(1)), "d4");
        intake.receive(alert(Signal.ACKNOWLEDGE, "acknowledge", T2.plusSeconds(2)), "d5");
        intake.receive(alert(Signal.ACKNOWLEDGE, "acknowledge", T2.plusSeconds(3)), "d6");
        intake.receive(ok(T3), "d7");
        intake.receive(ok(T2.plusSeconds(4)), "d8");
        intake.receive(alarm(T4), "d9");
        people(store, T5).changeStatus(id, Status.RESOLVED, "U0ALICE");
        intake.receive(alarm(T1.plusSeconds(2)), "d10");

        // WHEN a Japanese reader reads its timeline, with what the monitor sent and wrote cut out
        List<String> english = new ArrayList<>();
        Set<String> variants = new TreeSet<>();
        for (TimelineEntry e : timeline(id)) {
            String ours = TimelineText.render(e, Messages.of(Messages.JAPANESE));
            for (String data : data(e)) {
                ours = ours.replace(data, " ");
            }
            if (ours.matches("(?s).*[A-Za-z].*")) {
                english.add(e.kind() + " " + e.params() + ": " + ours);
            }
            variants.add(e.kind() + "/" + e.params().getOrDefault("variant", ""));
        }

        // THEN every sentence is Japanese, and the life above wrote each of these kinds of entry
        assertTrue(english.isEmpty(), () -> "English in the Japanese timeline: " + english);
        assertEquals(new TreeSet<>(List.of("OPENED/alert", "ALERT_REPEATED/again", "ALERT_REPEATED/late",
                "ALERT_NOTE/state", "STATUS_CHANGED/alert", "ALERT_NOTE/acknowledged", "ALERT_RECOVERED/recovered",
                "ALERT_NOTE/ignored", "ALERT_REPEATED/refired", "STATUS_CHANGED/", "ALERT_NOTE/after-close")), variants);
    }

    /** What an entry carries that is not Hikeshi's words: the monitor, its summary, names, states, ids, times. */
    private static List<String> data(TimelineEntry e) {
        List<String> data = new ArrayList<>(List.of(e.text(), e.actor()));
        e.params().forEach((name, value) -> {
            if (!name.equals("variant") && !name.equals("status")) {
                data.add(value);
            }
        });
        data.removeIf(String::isEmpty);
        data.sort((a, b) -> b.length() - a.length());
        return data;
    }
}
