package io.hikeshi.bench;

import io.hikeshi.handlers.lambda.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.alerts.AlarmIngestHandler;
import io.hikeshi.handlers.wiring.AlertsWiring;
import io.hikeshi.handlers.wiring.Composition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The duplicate storm: one ALARM event delivered N times (each with its own EventBridge id, as
 * repeated deliveries have), C at a time, through the real handler against DynamoDB Local.
 * Prints incidents opened (must be 1), occurrences counted (must be N), throughput and latency;
 * beside the floor: the fewest DynamoDB calls that can count one occurrence idempotently (GetItem
 * of the alarm's record + one TransactWriteItems), done by hand. After a warm-up of N events each,
 * three rounds of each side, alternating; the figures compared are each side's median round.
 *
 * <p>Usage: {@code bin/bench [events] [concurrency]} (defaults 10000 100).
 */
public final class AlarmStormBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Measured rounds per side; the figures are each side's median round (by events/s). */
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        byte[] sample = Files.readAllBytes(Path.of("events", "alarm-metric-alarm.json"));
        CallCounter calls = new CallCounter();
        EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
        DynamoDbClient dynamo = db.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(calls)).build();
        System.out.printf("Alarm storm: %,d deliveries of one ALARM, %d concurrent, DynamoDB Local in-process (%s, %d cores)%n",
                events, concurrency, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        // Warm-up on throwaway tables, as long as a measured round: the handler runs more code than the floor (the
        // event parsed, the decision, larger requests marshalled), and after a short warm-up its first round still
        // pays for JIT compilation (2,000 events left it at 3/4 of its later rounds' rate).
        runHandler(dynamo, sample, events, concurrency, calls);
        runFloor(dynamo, events, concurrency, calls);

        // Alternating rounds, each on a new table, so that neither side is always the one run on a fuller DynamoDB Local.
        List<Result> handlerRounds = new ArrayList<>();
        List<Result> floorRounds = new ArrayList<>();
        System.out.printf("%-22s %10s %12s %10s %10s %12s%n", "round", "events/s", "calls/event", "p50 ms", "p99 ms", "wall s");
        for (int round = 1; round <= ROUNDS; round++) {
            handlerRounds.add(runHandler(dynamo, sample, events, concurrency, calls));
            print("handler, round " + round, handlerRounds.get(round - 1));
            floorRounds.add(runFloor(dynamo, events, concurrency, calls));
            print("floor, round " + round, floorRounds.get(round - 1));
        }
        Result handler = median(handlerRounds);
        Result floor = median(floorRounds);
        boolean counted = handlerRounds.stream().allMatch(r -> r.incidents() == 1 && r.occurrences() == events);

        System.out.println();
        System.out.printf("median of %d rounds%n", ROUNDS);
        System.out.printf("%-22s %10s %12s %10s %10s %12s%n", "", "events/s", "calls/event", "p50 ms", "p99 ms", "wall s");
        print("handler", handler);
        print("floor (by hand)", floor);
        System.out.printf("%-22s %10.2f %12.2f %10.2f %10.2f%n", "ratio handler/floor",
                floor.perSecond() / handler.perSecond(), handler.callsPerEvent() / floor.callsPerEvent(),
                handler.p50() / floor.p50(), handler.p99() / floor.p99());
        System.out.println();
        System.out.printf("incidents opened:     %s (must be 1 in every round)%n",
                handlerRounds.stream().map(r -> Integer.toString(r.incidents())).toList());
        System.out.printf("occurrences counted:  %s (must be %,d in every round)%n",
                handlerRounds.stream().map(r -> "%,d".formatted(r.occurrences())).toList(), events);
        System.out.println("(ratio for events/s is floor/handler: how many times slower the handler is)");
        String command = "bin/bench alarm-storm %d %d".formatted(events, concurrency);
        Summary.add("alarm ingest, events/s", "%,.0f vs %,.0f floor (floor/handler %.2f)".formatted(handler.perSecond(),
                floor.perSecond(), floor.perSecond() / handler.perSecond()), command);
        Summary.add("alarm ingest, p50 / p99", "%.0f / %.0f ms vs %.0f / %.0f ms floor (%.2f / %.2f)".formatted(handler.p50(),
                handler.p99(), floor.p50(), floor.p99(), handler.p50() / floor.p50(), handler.p99() / floor.p99()), command);
        Summary.add("duplicate storm, %,d copies of one alarm".formatted(events),
                "%d incident, %,d counted".formatted(handler.incidents(), handler.occurrences()), command);
        db.close();
        System.exit(counted ? 0 : 1);
    }

    private static Result runHandler(DynamoDbClient dynamo, byte[] sample, int events, int concurrency,
                                     CallCounter calls) throws Exception {
        String table = newTable(dynamo);
        Composition app = Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo);
        AlarmIngestHandler handler = new AlarmIngestHandler(new AlertsWiring(app));
        List<byte[]> deliveries = new ArrayList<>(events);
        ObjectNode event = (ObjectNode) JSON.readTree(sample);
        for (int i = 0; i < events; i++) {
            event.put("id", UUID.randomUUID().toString());
            deliveries.add(JSON.writeValueAsBytes(event));
        }
        Timing timing = time(events, concurrency, calls, i -> handler.handle(deliveries.get(i)));
        List<Incident> incidents = app.storage().search().recent(100);
        long occurrences = incidents.stream().mapToLong(Incident::occurrences).sum();
        return new Result(timing, incidents.size(), occurrences);
    }

    /** The floor: read the alarm's record, then record the delivery and count it in one transaction. */
    private static Result runFloor(DynamoDbClient dynamo, int events, int concurrency, CallCounter calls)
            throws Exception {
        String table = newTable(dynamo);
        Map<String, AttributeValue> alarmKey = Map.of("pk", s("ALERT#floor"), "sk", s("ALERT"));
        Map<String, AttributeValue> incidentKey = Map.of("pk", s("INC#1"), "sk", s("INCIDENT"));
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("ALERT#floor"), "sk", s("ALERT"), "openIncident", n(1))));
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("INC#1"), "sk", s("INCIDENT"), "occurrences", n(0),
                "status", s("TRIGGERED"))));
        Timing timing = time(events, concurrency, calls, i -> {
            dynamo.getItem(r -> r.tableName(table).key(alarmKey).consistentRead(true));
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(Map.of("pk", s("DELIVERY#" + UUID.randomUUID()), "sk", s("DELIVERY"), "expiresAt", n(1)))
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(incidentKey)
                            .updateExpression("ADD occurrences :one")
                            .conditionExpression("attribute_exists(pk)")
                            .expressionAttributeValues(Map.of(":one", n(1))).build()).build()));
            return null;
        });
        long occurrences = Long.parseLong(dynamo.getItem(r -> r.tableName(table).key(incidentKey)).item().get("occurrences").n());
        return new Result(timing, 1, occurrences);
    }

    private static Result median(List<Result> rounds) {
        List<Result> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Result::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    interface Work {
        Object run(int i) throws Exception;
    }

    private static Timing time(int events, int concurrency, CallCounter calls, Work work) throws Exception {
        long[] nanos = new long[events];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Callable<Object>> tasks = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            int index = i;
            tasks.add(() -> {
                long start = System.nanoTime();
                work.run(index);
                nanos[index] = System.nanoTime() - start;
                return null;
            });
        }
        long callsBefore = calls.count.get();
        long start = System.nanoTime();
        for (Future<Object> f : pool.invokeAll(tasks)) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        Arrays.sort(nanos);
        return new Timing(events, wall, nanos[events / 2], nanos[Math.min(events - 1, (int) (events * 0.99))],
                calls.count.get() - callsBefore);
    }

    private static String newTable(DynamoDbClient dynamo) {
        String table = "bench-" + UUID.randomUUID();
        IncidentTable.createIfMissing(dynamo, table);
        return table;
    }

    private static void print(String label, Result r) {
        System.out.printf("%-22s %10.0f %12.2f %10.2f %10.2f %12.1f%n", label, r.perSecond(), r.callsPerEvent(),
                r.p50(), r.p99(), r.timing.wallNanos / 1e9);
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    record Timing(int events, long wallNanos, long p50Nanos, long p99Nanos, long calls) { }

    record Result(Timing timing, int incidents, long occurrences) {
        double perSecond() {
            return timing.events / (timing.wallNanos / 1e9);
        }

        double p50() {
            return timing.p50Nanos / 1e6;
        }

        double p99() {
            return timing.p99Nanos / 1e6;
        }

        double callsPerEvent() {
            return (double) timing.calls / timing.events;
        }
    }

    /** Counts every DynamoDB API call the client makes (retries of one call count once). */
    static final class CallCounter implements ExecutionInterceptor {
        final AtomicLong count = new AtomicLong();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            count.incrementAndGet();
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            count.incrementAndGet();
        }
    }
}
