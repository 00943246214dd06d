package io.hikeshi.handlers.alerts;

import io.hikeshi.handlers.wiring.AlertsWiring;
import io.hikeshi.handlers.TestClocks;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.wiring.Composition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.aws.faults.CuttableProxy;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Fault injection: DynamoDB becomes unreachable (refused connects, open connections dropped with
 * requests in flight) under the alarm-ingest function. A delivery that cannot reach the table must
 * fail loudly, so EventBridge/Lambda deliver it again, and must leave nothing half-written; once the
 * table is back, redelivering what failed must count each distinct event exactly once.
 *
 * <p>The function's client is the SDK's own, reaching DynamoDB Local through a {@link CuttableProxy},
 * with the SDK's default retry strategy for DynamoDB (9 attempts, the same retryable errors, the
 * same retry quota, which stops retrying once most calls fail). Only the waits between attempts are
 * shorter, so a delivery gives up in a tenth of a second instead of the 2 to 5 s it takes with the
 * defaults: the outcome is the same, because the function's timeout (30 s) outlasts the retries
 * either way.
 */
class DynamoDbUnreachableTest {

    /** The SDK's DynamoDB client makes 1 + 8 attempts by default (legacy retry mode, the SDK's default mode). */
    private static final int DYNAMODB_DEFAULT_ATTEMPTS = 9;

    /** The waits between attempts (see the class comment); DynamoDB's default starts at 25 ms and doubles up to 20 s. */
    private static final BackoffStrategy QUICK_BACKOFF = BackoffStrategy.exponentialDelay(Duration.ofMillis(1), Duration.ofMillis(20));

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sample alarm's day, after it fired: the function and the observer share it (never the machine's day). */
    private static final Clock CLOCK = TestClocks.fixedAt(TestClocks.AFTER_SAMPLE_ALARMS);

    private CuttableProxy proxy;
    private DynamoDbClient throughProxy;
    private DynamoDbClient direct;
    private String table;
    private AlarmIngestHandler handler;
    private Composition observer;

    @BeforeEach
    void setUp() {
        EmbeddedDynamoDb dynamoDbLocal = EmbeddedDynamoDb.shared();
        proxy = CuttableProxy.to(dynamoDbLocal.endpoint());
        throughProxy = dynamoDbLocal.clientBuilder()
                .endpointOverride(proxy.endpoint())
                .overrideConfiguration(c -> c.retryStrategy(retry -> retry
                        // A configurator starts from the SDK's generic strategy (4 attempts): DynamoDB's is 9.
                        .maxAttempts(DYNAMODB_DEFAULT_ATTEMPTS)
                        .backoffStrategy(QUICK_BACKOFF)))
                .build();
        direct = dynamoDbLocal.client();
        table = "unreachable-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(direct, table);
        handler = new AlarmIngestHandler(new AlertsWiring(Composition.fromSettings(Map.of(Settings.TABLE, table), throughProxy, CLOCK)));
        // Assertions read the table directly, never through the proxy.
        observer = Composition.fromSettings(Map.of(Settings.TABLE, table), direct, CLOCK);
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        throughProxy.close();
        direct.close();
    }

    @ParameterizedTest
    @Event(value = "events/alarm-metric-alarm.json", type = Map.class)
    void alarm_opensOneIncident_afterDynamoDbWasUnreachable(Map<String, Object> event) throws Exception {
        byte[] delivery = JSON.writeValueAsBytes(event);
        byte[] otherDelivery = JSON.writeValueAsBytes(withId(event, event.get("id") + "-again"));

        // GIVEN DynamoDB is unreachable
        proxy.cut();

        // WHEN the alarm event arrives
        long started = System.nanoTime();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> handler.handle(delivery));
        long failedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // THEN the function fails with the SDK's client error (so Lambda retries the event), having written nothing
        assertInstanceOf(SdkClientException.class, failure, "an SDK client error, which Lambda retries: " + failure);
        Map<String, Integer> afterFailure = itemsByKind();
        assertEquals(0, afterFailure.getOrDefault("INC", 0), "no incident: " + afterFailure);
        assertEquals(0, afterFailure.getOrDefault("DELIVERY", 0), "no delivery record: " + afterFailure);
        assertEquals(0, afterFailure.getOrDefault("ALERT", 0), "no alert record: " + afterFailure);
        assertEquals(0, afterFailure.getOrDefault("OUTBOX", 0), "no domain event: " + afterFailure);

        // WHEN DynamoDB is back and the event is delivered again, twice (Lambda's retry, then EventBridge's
        // own duplicate), then a new delivery of the same alarm arrives
        proxy.restore();
        Map<String, String> retried = handler.handle(delivery);
        Map<String, String> duplicate = handler.handle(delivery);
        Map<String, String> next = handler.handle(otherDelivery);

        // THEN one incident, each distinct event counted once
        assertEquals("OPENED", retried.get("outcome"));
        assertEquals("DUPLICATE", duplicate.get("outcome"));
        assertEquals("COUNTED", next.get("outcome"));
        List<Incident> incidents = observer.storage().search().recent(10);
        assertEquals(1, incidents.size(), "one incident: " + incidents);
        assertEquals(2, incidents.get(0).occurrences(), "two distinct events, each counted once");
        assertEquals(2, itemsByKind().get("DELIVERY"), "one delivery record per distinct event");
        assertEquals(1, itemsByKind().get("OUTBOX"), "one Incident Opened event in the outbox");
        System.out.printf("DynamoDB unreachable: the delivery failed after %d ms (%s: %s), table untouched %s; "
                        + "after restore: %s, redelivery %s, next event %s: %d incident, %d occurrences%n",
                failedAfterMillis, failure.getClass().getSimpleName(), failure.getMessage(), afterFailure, retried.get("outcome"),
                duplicate.get("outcome"), next.get("outcome"), incidents.size(), incidents.get(0).occurrences());
    }

    @ParameterizedTest
    @Event(value = "events/alarm-metric-alarm.json", type = Map.class)
    void alarmStorm_countsEveryEventOnce_whenDynamoDbIsCutMidStorm(Map<String, Object> event) throws Exception {
        int deliveries = 200;
        int cutAfterHandled = 40;
        int restoreAfterFailed = 48; // three per delivering thread: the outage outlasts several calls
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            events.add(JSON.writeValueAsBytes(withId(event, event.get("id") + "-" + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch handled = new CountDownLatch(cutAfterHandled);
        CountDownLatch failures = new CountDownLatch(restoreAfterFailed);
        ConcurrentLinkedQueue<Integer> failed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<RuntimeException> otherErrors = new ConcurrentLinkedQueue<>();
        Map<String, Integer> attemptsOfFailures = new ConcurrentSkipListMap<>();
        long[] outageMillis = new long[1];

        // GIVEN a storm of distinct deliveries of one alarm, 16 at a time
        // WHEN DynamoDB becomes unreachable once 40 have been handled, and comes back after 48 deliveries failed
        // (the outage is measured in failures, not time, so every run sees one whatever the machine's speed)
        Thread outage = Thread.ofPlatform().name("outage").start(() -> {
            try {
                handled.await();
                proxy.cut();
                long cutAt = System.nanoTime();
                failures.await(30, TimeUnit.SECONDS);
                outageMillis[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                proxy.restore();
            }
        });
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            int n = i;
            running.add(pool.submit(() -> {
                try {
                    handler.handle(events.get(n));
                } catch (RuntimeException e) {
                    failed.add(n);
                    if (!isTransportFailure(e)) {
                        otherErrors.add(e);
                    }
                    attemptsOfFailures.merge(attempts(e), 1, Integer::sum);
                    failures.countDown();
                } finally {
                    handled.countDown();
                }
            }));
        }
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        outage.join(30_000);
        int severed = proxy.connectionsSevered();

        // THEN deliveries failed, each with the SDK's client error (which Lambda retries), and the others succeeded
        assertTrue(failed.size() >= restoreAfterFailed, "the cut made deliveries fail: " + failed.size());
        assertEquals(List.of(), List.copyOf(otherErrors), "only transport failures");

        // WHEN every delivery that failed is delivered again (as Lambda's retries would)
        Map<String, Integer> redeliveryOutcomes = new TreeMap<>();
        for (int n : failed) {
            redeliveryOutcomes.merge(handler.handle(events.get(n)).get("outcome"), 1, Integer::sum);
        }
        pool.shutdown();

        // THEN one incident, every distinct event counted exactly once, one delivery record each
        List<Incident> incidents = observer.storage().search().recent(10);
        assertEquals(1, incidents.size(), "one incident: " + incidents);
        assertEquals(deliveries, incidents.get(0).occurrences(), "each distinct event counted exactly once");
        Map<String, Integer> items = itemsByKind();
        assertEquals(deliveries, items.get("DELIVERY"), "one delivery record per distinct event");
        assertEquals(1, items.get("OUTBOX"), "one Incident Opened event in the outbox");
        // A failed delivery whose transaction had reached DynamoDB before the cut is recognised, not counted again.
        assertEquals(failed.size(), redeliveryOutcomes.getOrDefault("COUNTED", 0) + redeliveryOutcomes.getOrDefault("DUPLICATE", 0),
                "each redelivery is counted or recognised: " + redeliveryOutcomes);
        System.out.printf("DynamoDB cut mid-storm: %d distinct deliveries of one alarm, 16 concurrent, cut after %d for %d ms "
                        + "(%d open connections dropped): %d failed (SDK attempts per failed call: %s), %d succeeded; "
                        + "the %d redelivered: %s (DUPLICATE: committed before the answer was lost); "
                        + "1 incident, %d occurrences, %d delivery records%n",
                deliveries, cutAfterHandled, outageMillis[0], severed, failed.size(), attemptsOfFailures,
                deliveries - failed.size(), failed.size(), redeliveryOutcomes, incidents.get(0).occurrences(),
                items.get("DELIVERY"));
    }

    /**
     * What a lost connection looks like to the caller: the SDK's client error, or, when the URL-connection
     * client's connection is refused as it opens the request body (it calls getOutputStream through
     * invokeSafely, outside the SDK's retry and error translation), an UncheckedIOException around that
     * IOException. Either way the delivery fails and Lambda retries it; anything else would be a fault of ours.
     */
    private static boolean isTransportFailure(RuntimeException e) {
        return e instanceof SdkClientException || e instanceof java.io.UncheckedIOException u && u.getCause() != null;
    }

    /** "9" from the SDK's "(SDK Attempt Count: 9)", else the exception's name. */
    private static String attempts(RuntimeException e) {
        Matcher m = ATTEMPT_COUNT.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : e.getClass().getSimpleName();
    }

    private static final Pattern ATTEMPT_COUNT = Pattern.compile("SDK Attempt Count: (\\d+)");

    private static Map<String, Object> withId(Map<String, Object> event, String id) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put("id", id);
        return copy;
    }

    /** Items in the table by the kind their key starts with (INC, DELIVERY, ALERT, OUTBOX, COUNTER …). */
    private Map<String, Integer> itemsByKind() {
        Map<String, Integer> kinds = new TreeMap<>();
        direct.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
            String pk = item.get("pk").s();
            kinds.merge(pk.contains("#") ? pk.substring(0, pk.indexOf('#')) : pk, 1, Integer::sum);
        });
        return kinds;
    }
}
