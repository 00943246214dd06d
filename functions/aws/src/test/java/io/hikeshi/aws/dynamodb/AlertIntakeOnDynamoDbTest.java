package io.hikeshi.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertOutcome;
import io.hikeshi.core.alert.AlertRouting;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IllegalTransitionException;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dedup and no-lost-update guarantees, proven on DynamoDB Local: two service instances stand
 * for two Lambda execution environments, so only the table's conditions can keep them consistent.
 */
class AlertIntakeOnDynamoDbTest {

    private static final Instant FIRED = Instant.parse("2026-11-24T03:12:45.123Z");
    /** Everything here happens a minute after the firing: one fixed instant, never the machine's day. */
    private static final Clock CLOCK = Clock.fixed(FIRED.plusSeconds(60), java.time.ZoneOffset.UTC);
    private static final String ALARM = "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:payment-api-5xx-rate";

    private Storage store;

    @BeforeEach
    void createTable() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "intake-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        store = DynamoDbStorage.on(dynamo, table, CLOCK);
    }

    private AlertIntakeService intake() {
        return new AlertIntakeService(store, AlertRouting.defaults(), false);
    }

    private static Alert alarm(Signal signal, String state, Instant at) {
        return new Alert("cloudwatch", ALARM, "payment-api-5xx-rate", signal, state, at, "5xx above 5%", null, null, Map.of());
    }

    @Test
    void declare_opensExactlyOneIncident_whenTheSameAlarmArrivesConcurrentlyInTwoProcesses() throws Exception {
        // GIVEN two independent intakes (two Lambda environments) sharing the table
        List<AlertIntakeService> processes = List.of(intake(), intake());
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Callable<AlertOutcome>> deliveries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            AlertIntakeService process = processes.get(i % 2);
            String deliveryId = "evt-" + i;
            deliveries.add(() -> process.receive(alarm(Signal.TRIGGER, "ALARM", FIRED), deliveryId));
        }
        // WHEN 300 deliveries of one ALARM race, plus a redelivery of each of the first 50
        for (int i = 0; i < 50; i++) {
            String deliveryId = "evt-" + i;
            deliveries.add(() -> processes.get(1).receive(alarm(Signal.TRIGGER, "ALARM", FIRED), deliveryId));
        }
        List<AlertOutcome> outcomes = new ArrayList<>();
        for (Future<AlertOutcome> f : pool.invokeAll(deliveries)) {
            outcomes.add(f.get());
        }
        pool.shutdown();

        // THEN one incident, every distinct delivery counted once, every redelivery ignored
        assertEquals(1, outcomes.stream().filter(o -> o.kind() == AlertOutcome.Kind.OPENED).count());
        assertEquals(50, outcomes.stream().filter(o -> o.kind() == AlertOutcome.Kind.DUPLICATE).count());
        List<Incident> incidents = store.search().recent(10);
        assertEquals(1, incidents.size());
        assertEquals(300, incidents.get(0).occurrences());
    }

    @Test
    void peopleChangingDifferentFieldsAtOnce_loseNoUpdate_whileTheAlarmKeepsCounting() throws Exception {
        AlertIntakeService intake = intake();
        var opened = intake.receive(alarm(Signal.TRIGGER, "ALARM", FIRED), "first");
        IncidentService people = new IncidentService(store, CLOCK);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Callable<Object>> work = new ArrayList<>();
        work.add(() -> people.changeSeverity(opened.incident(), Severity.SEV1, "U-alice"));
        work.add(() -> people.assignCommander(opened.incident(), "U-bob", "U-bob"));
        Callable<Object> carolAcknowledges = () -> people.acknowledge(opened.incident(), "U-carol");
        work.add(carolAcknowledges);
        for (int i = 0; i < 40; i++) {
            String id = "repeat-" + i;
            work.add(() -> intake.receive(alarm(Signal.TRIGGER, "ALARM", FIRED), id));
        }
        List<Future<Object>> done = pool.invokeAll(work);
        pool.shutdown();
        // Bob taking command acknowledges too: when his write lands first, Carol's click is refused as a repeat
        boolean carolRefused = false;
        for (int i = 0; i < done.size(); i++) {
            try {
                done.get(i).get();
            } catch (ExecutionException e) {
                assertTrue(i == work.indexOf(carolAcknowledges) && e.getCause() instanceof IllegalTransitionException, e.toString());
                carolRefused = true;
            }
        }

        Incident incident = store.incidents().find(opened.incident()).orElseThrow();
        assertEquals(Severity.SEV1, incident.severity());
        assertEquals("U-bob", incident.commander());
        assertEquals(Status.ACKNOWLEDGED, incident.status());
        assertEquals(41, incident.occurrences());
        assertEquals(carolRefused ? 3 : 4, incident.version(), "created, then one versioned write per change that was made");
        assertEquals(4, store.incidents().timeline(opened.incident(), 100).size(),
                "opened, severity, acknowledged, commander; exact repeats add none");
    }

    @Test
    void illegalTransition_isRefused_andChangesNothing() {
        var opened = intake().receive(alarm(Signal.TRIGGER, "ALARM", FIRED), "first");
        IncidentService people = new IncidentService(store, CLOCK);
        people.changeStatus(opened.incident(), Status.RESOLVED, "U-alice");
        Incident resolved = store.incidents().find(opened.incident()).orElseThrow();

        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> people.acknowledge(opened.incident(), "U-bob"));

        assertTrue(e.getMessage().contains("resolved is final"), e.getMessage());
        assertEquals(resolved, store.incidents().find(opened.incident()).orElseThrow());
    }

    @Test
    void resolvedByAPerson_theAlarmsNextFiringOpensANewIncident() {
        AlertIntakeService intake = intake();
        var first = intake.receive(alarm(Signal.TRIGGER, "ALARM", FIRED), "first");
        new IncidentService(store, CLOCK).changeStatus(first.incident(), Status.RESOLVED, "U-alice");

        var second = intake.receive(alarm(Signal.TRIGGER, "ALARM", FIRED.plusSeconds(3600)), "second");

        assertEquals(AlertOutcome.Kind.OPENED, second.kind());
        assertEquals(2, store.search().recent(10).size());
    }
}
