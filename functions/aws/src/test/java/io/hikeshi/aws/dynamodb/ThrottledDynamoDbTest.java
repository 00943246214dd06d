package io.hikeshi.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertRouting;
import io.hikeshi.core.alert.Signal;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Fault injection: a fifth of DynamoDB's answers are replaced by a throttling error after the write
 * already happened (the worst case: the client retries something that succeeded). The SDK retries,
 * the conditions recognise the retry, and every delivery is still counted exactly once.
 */
class ThrottledDynamoDbTest {

    private static final Instant FIRED = Instant.parse("2026-11-24T03:12:45Z");
    /** The store's time, a minute after the firing: one fixed instant, never the machine's day. */
    private static final Clock CLOCK = Clock.fixed(FIRED.plusSeconds(60), java.time.ZoneOffset.UTC);

    /** Swaps the real answer for DynamoDB's throttling error on a fraction of calls. */
    static final class LostAnswers implements ExecutionInterceptor {
        private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                + "\"message\":\"injected: answer lost\"}";
        final AtomicInteger injected = new AtomicInteger();
        private final double fraction;

        LostAnswers(double fraction) {
            this.fraction = fraction;
        }

        private boolean lose(ExecutionAttributes attributes) {
            return ThreadLocalRandom.current().nextDouble() < fraction;
        }

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            if (context.httpResponse().isSuccessful() && lose(attributes)) {
                injected.incrementAndGet();
                attributes.putAttribute(LOST, true);
                return context.httpResponse().toBuilder().statusCode(400).build();
            }
            return context.httpResponse();
        }

        @Override
        public Optional<java.io.InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                                      ExecutionAttributes attributes) {
            if (Boolean.TRUE.equals(attributes.getAttribute(LOST))) {
                attributes.putAttribute(LOST, false);
                return Optional.of(new ByteArrayInputStream(THROTTLED.getBytes(StandardCharsets.UTF_8)));
            }
            return context.responseBody();
        }

        static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Boolean> LOST =
                new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("hikeshi.lost");
    }

    @Test
    void aStormOnAThrottlingTable_opensOneIncident_andCountsEveryDeliveryOnce() throws Exception {
        LostAnswers faults = new LostAnswers(0.2);
        DynamoDbClient dynamo = EmbeddedDynamoDb.shared().clientBuilder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(faults)).build();
        String table = "throttled-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(EmbeddedDynamoDb.shared().client(), table);
        Storage store = DynamoDbStorage.on(dynamo, table, CLOCK);
        AlertIntakeService intake = new AlertIntakeService(store, AlertRouting.defaults(), false);
        Alert alarm = new Alert("cloudwatch", "arn:alarm:payment", "payment-api-5xx-rate", Signal.TRIGGER, "ALARM",
                FIRED, "5xx", null, null, Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Object>> deliveries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "evt-" + i;
            deliveries.add(() -> intake.receive(alarm, id));
        }

        for (var f : pool.invokeAll(deliveries)) {
            f.get(); // no delivery may fail: the SDK's retries absorb the injected throttling
        }
        pool.shutdown();

        List<Incident> incidents = DynamoDbStorage.on(EmbeddedDynamoDb.shared().client(), table, CLOCK)
                .search().recent(10);
        assertTrue(faults.injected.get() > 50, "faults were injected: " + faults.injected.get());
        assertEquals(1, incidents.size());
        assertEquals(300, incidents.get(0).occurrences(), "every delivery counted exactly once");
        System.out.printf("throttling injected on %d answers; 1 incident, %d occurrences%n", faults.injected.get(),
                incidents.get(0).occurrences());
    }
}
