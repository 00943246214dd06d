package io.hikeshi.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineParams;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbStorageTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:12:45.123Z");

    private DynamoDbClient dynamo;
    private String table;
    private Storage store;

    @BeforeEach
    void createTable() {
        dynamo = EmbeddedDynamoDb.shared().client();
        table = "incidents-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        store = DynamoDbStorage.on(dynamo, table, Clock.fixed(T0.plusSeconds(60), java.time.ZoneOffset.UTC));
    }

    private Incident newIncident() {
        return Incident.open(store.incidents().nextId(), "payment-api-5xx-rate", Severity.SEV2, "payment-api", "arn:alarm",
                "5xx above 5%", T0);
    }

    @Test
    void createdIncident_readsBackWithEveryField() {
        Incident incident = newIncident();
        assertEquals(CommitResult.COMMITTED, store.incidents().commit(new Change("d1", new Change.Create(incident), null, List.of())));

        Incident read = store.incidents().find(incident.id()).orElseThrow();
        assertEquals(incident.stored(1, 1), read);
        assertEquals(List.of(read), store.search().recent(10));
    }

    @Test
    void sameDeliveryTwice_commitsOnce() {
        Incident incident = newIncident();
        store.incidents().commit(new Change("d1", new Change.Create(incident), null, List.of()));

        CommitResult second = store.incidents().commit(new Change("d1", new Change.CountOccurrence(incident.id()), null, List.of()));

        assertEquals(CommitResult.DUPLICATE, second);
        assertEquals(1, store.incidents().find(incident.id()).orElseThrow().occurrences());
    }

    @Test
    void redelivery_isADuplicate_aslongAsAQueueCanRedeliver_andAnExpiredRecordCountsAgain() {
        // GIVEN a delivery committed at T0 + 1 min
        Incident incident = newIncident();
        store.incidents().commit(new Change("d1", new Change.Create(incident), null, List.of()));

        // WHEN the same event comes back from a dead-letter queue on its last day (14 days + a day of retries)
        Instant lastRedelivery = T0.plus(Duration.ofDays(15));
        CommitResult late = storeAt(lastRedelivery).incidents().commit(new Change("d1", new Change.CountOccurrence(incident.id()),
                null, List.of()));

        // THEN it is still recognised
        assertEquals(CommitResult.DUPLICATE, late);
        assertTrue(storeAt(lastRedelivery).incidents().delivered("d1"));
        assertFalse(storeAt(lastRedelivery).incidents().delivered("d2"));
        assertEquals(1, store.incidents().find(incident.id()).orElseThrow().occurrences());

        // WHEN the record's life has passed (DynamoDB's TTL may not have deleted it yet)
        Instant expired = T0.plusSeconds(60).plus(Retention.DELIVERY_RECORD_TTL).plusSeconds(1);
        assertFalse(storeAt(expired).incidents().delivered("d1"), "an expired record is no delivery");
        CommitResult afterExpiry = storeAt(expired).incidents().commit(new Change("d1", new Change.CountOccurrence(incident.id()),
                null, List.of()));

        // THEN the expired record no longer counts: the delivery is taken as new, and its record renewed
        assertEquals(CommitResult.COMMITTED, afterExpiry);
        assertEquals(2, store.incidents().find(incident.id()).orElseThrow().occurrences());
        assertEquals(CommitResult.DUPLICATE, storeAt(expired.plusSeconds(1)).incidents().commit(new Change("d1",
                new Change.CountOccurrence(incident.id()), null, List.of())));
    }

    @Test
    void deliveryRecords_outliveTheLongestRedelivery() {
        assertTrue(Retention.DELIVERY_RECORD_TTL.compareTo(Retention.DEAD_LETTER_RETENTION
                .plus(Retention.EVENTBRIDGE_RETRY_WINDOW).plus(Retention.LAMBDA_ASYNC_RETRY_WINDOW)) > 0,
                "delivery records live " + Retention.DELIVERY_RECORD_TTL);
    }

    /** The same table as seen by another process whose clock reads {@code now}. */
    private Storage storeAt(Instant now) {
        return DynamoDbStorage.on(dynamo, table, Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    @Test
    void updateFromStaleVersion_conflictsAndWritesNothing() {
        Incident incident = newIncident();
        store.incidents().commit(new Change(null, new Change.Create(incident), null, List.of()));
        Incident read = store.incidents().find(incident.id()).orElseThrow();
        store.incidents().commit(new Change(null, new Change.Update(read.withSeverity(Severity.SEV1)), null, List.of()));

        CommitResult stale = store.incidents().commit(new Change("d2", new Change.Update(read.withCommander("U123")), null,
                List.of(note(incident.id(), "stale"))));

        assertEquals(CommitResult.CONFLICT, stale);
        Incident now = store.incidents().find(incident.id()).orElseThrow();
        assertEquals(Severity.SEV1, now.severity());
        assertNull(now.commander());
        assertTrue(store.incidents().timeline(incident.id(), 10).isEmpty(), "a cancelled change appends nothing");
    }

    @Test
    void occurrencesCountedConcurrentlyWithAnUpdate_allSurvive() throws Exception {
        Incident incident = newIncident();
        store.incidents().commit(new Change(null, new Change.Create(incident), null, List.of()));
        Incident read = store.incidents().find(incident.id()).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 50; i++) {
            pool.submit(() -> {
                while (store.incidents().commit(new Change(UUID.randomUUID().toString(), new Change.CountOccurrence(incident.id()),
                        null, List.of())) == CommitResult.CONFLICT) {
                    Thread.onSpinWait();
                }
            });
        }
        pool.submit(() -> store.incidents().commit(new Change(null, new Change.Update(read.moveTo(Status.ACKNOWLEDGED, T0)), null,
                List.of())));
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

        Incident now = store.incidents().find(incident.id()).orElseThrow();
        assertEquals(51, now.occurrences(), "the opening plus 50 repeats");
        assertEquals(Status.ACKNOWLEDGED, now.status());
        assertEquals(2, now.version());
    }

    @Test
    void countingAResolvedIncident_conflicts() {
        Incident incident = newIncident();
        store.incidents().commit(new Change(null, new Change.Create(incident.moveTo(Status.RESOLVED, T0)), null, List.of()));

        assertEquals(CommitResult.CONFLICT,
                store.incidents().commit(new Change("d9", new Change.CountOccurrence(incident.id()), null, List.of())));
    }

    @Test
    void alertState_savedOnlyFromTheVersionRead() {
        AlertState unseen = AlertState.unseen("arn:alarm");
        AlertState opened = unseen.opened(new IncidentId(7), T0).withSignal("ALARM", T0);
        assertEquals(CommitResult.COMMITTED, store.incidents().commit(new Change(null, null, opened, List.of())));
        assertEquals(CommitResult.CONFLICT, store.incidents().commit(new Change(null, null, opened, List.of())),
                "a second opening from the same unseen state must lose");

        AlertState read = store.alerts().find("arn:alarm").orElseThrow();
        assertEquals(new IncidentId(7), read.openIncident());
        assertEquals(1, read.version());
        assertEquals(CommitResult.COMMITTED, store.incidents().commit(new Change(null, null, read.released(T0), List.of())));
        assertNull(store.alerts().find("arn:alarm").orElseThrow().openIncident());
    }

    @Test
    void timeline_readsBackInEventTimeOrder() {
        Incident incident = newIncident();
        store.incidents().commit(new Change(null, new Change.Create(incident), null, List.of(
                entry(incident.id(), "b", T0.plusSeconds(60)), entry(incident.id(), "a", T0),
                entry(incident.id(), "c", T0.plusMillis(5)))));

        List<TimelineEntry> timeline = store.incidents().timeline(incident.id(), 100);

        assertEquals(List.of("a", "c", "b"), timeline.stream().map(TimelineEntry::entryId).toList());
        assertEquals(Map.of("state", "ALARM"), timeline.get(0).attributes());
    }

    @Test
    void timelineEntry_readsBackWithItsParameters_whatWasWritten_andItsAttributes() {
        // GIVEN an entry kept as data: a kind, its parameters, the alert's summary and details
        Incident incident = newIncident();
        TimelineEntry recovered = new TimelineEntry(incident.id(), "d2", T0.plusSeconds(30), TimelineKind.ALERT_RECOVERED,
                "cloudwatch", TimelineParams.recovered("OK", Status.MITIGATED), "5xx back under 1%",
                Map.of("state", "OK", "alertKey", "arn:alarm"));

        // WHEN stored and read back
        store.incidents().commit(new Change(null, new Change.Create(incident), null, List.of(recovered)));
        TimelineEntry read = store.incidents().timeline(incident.id(), 10).get(0);

        // THEN it is the same entry, no words stored
        assertEquals(recovered, read);
    }

    @Test
    void aRowStoredBeforeEntriesHadParameters_readsAsItsStoredSentence() {
        // GIVEN a timeline row as it was stored before: an English sentence, no params attribute
        Incident incident = newIncident();
        store.incidents().commit(new Change(null, new Change.Create(incident), null, List.of()));
        Map<String, AttributeValue> old = new HashMap<>(Items.timelineItem(new TimelineEntry(incident.id(), "old",
                T0, TimelineKind.STATUS_CHANGED, "U0ALICE", "Status → acknowledged", Map.of())));
        old.remove("params");
        dynamo.putItem(r -> r.tableName(table).item(old));

        // WHEN read
        TimelineEntry read = store.incidents().timeline(incident.id(), 10).get(0);

        // THEN it has no parameters and shows its sentence, in any language
        assertEquals(Map.of(), read.params());
        assertEquals("Status → acknowledged", TimelineText.render(read, Messages.of(Messages.JAPANESE)));
    }

    @Test
    void allocatedIds_neverCollideUnderConcurrency() throws Exception {
        Set<IncidentId> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> ids.add(store.incidents().nextId()));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(200, ids.size());
    }

    private static TimelineEntry note(IncidentId id, String text) {
        return new TimelineEntry(id, UUID.randomUUID().toString(), T0, TimelineKind.NOTE, "U1", text, Map.of());
    }

    private static TimelineEntry entry(IncidentId id, String entryId, Instant at) {
        return new TimelineEntry(id, entryId, at, TimelineKind.ALERT_NOTE, "cloudwatch", entryId, Map.of("state", "ALARM"));
    }
}
