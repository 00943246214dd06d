package io.hikeshi.bench;

import io.hikeshi.handlers.lambda.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.InProcessEventBus;
import io.hikeshi.core.event.OutboxRelay;
import io.hikeshi.core.warroom.WarRoomService;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.alerts.AlarmIngestHandler;
import io.hikeshi.handlers.wiring.AlertsWiring;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.wiring.ConfiguredServiceDirectory;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slackstub.SlackApiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Alarm to war-room-ready: N different CloudWatch alarms fire through the alarm-ingest handler;
 * the outbox relay (every 50 ms, as in local mode) hands "Incident Opened" to war-room workers
 * (20 in parallel, like concurrent Lambda invocations); the Slack-shaped stub answers every call
 * after a realistic delay. Prints p50/p99 from the alarm's delivery to the last war-room step, and
 * the Slack and DynamoDB calls per incident. The war-room workers have a DynamoDB client of their own,
 * as the war-room function has in AWS, and every call it makes is counted; the alarm ingest's and the
 * relay's are not.
 *
 * <p>Usage: {@code bin/bench war-room [incidents] [slack latency ms]} (defaults 200 100).
 */
public final class WarRoomBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int latencyMillis = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
        var dynamo = db.client();
        String table = "bench-" + UUID.randomUUID();
        IncidentTable.createIfMissing(dynamo, table);
        Composition core = Composition.fromSettings(Map.of(Settings.TABLE, table, Settings.STORM_LIMIT, "100000"), dynamo);
        AlarmStormBench.CallCounter warRoomCalls = new AlarmStormBench.CallCounter();
        Composition warRoomCore = Composition.fromSettings(Map.of(Settings.TABLE, table),
                db.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(warRoomCalls)).build());
        // Slack's rate tiers off: this measures Hikeshi's own path from alarm to room with Slack answering in
        // a fixed time; a storm within the tiers is bin/bench slack-storm.
        SlackApiStub slackApi = SlackApiStub.builder().withoutRateLimits().start();
        SlackWiring slack = new SlackWiring(warRoomCore, new HikeshiSlackApp.Settings("s", "xoxb-bench",
                slackApi.methodsUrlPrefix(), Locale.ENGLISH), task -> { });
        WarRoomService warRoom = slack.warRoom(ConfiguredServiceDirectory.load(warRoomCore.json(), "infrastructure/config/services.json",
                        "infrastructure/guides"), (subject, message, attributes) -> { },
                new WarRoomService.Settings("inc-{date}-{number}-{slug}", "C0INCIDENTS", "https://hikeshi.example.jp",
                        ZoneId.of("Asia/Tokyo")), SlackCalls.standard());
        slackApi.latency(Duration.ofMillis(latencyMillis));
        System.out.printf("Alarm → war room: %d alarms, Slack stub answering in %d ms, 20 war-room workers, relay every 50 ms%n",
                incidents, latencyMillis);

        Map<String, Long> firedAt = new ConcurrentHashMap<>();
        long[] readyNanos = new long[incidents];
        CountDownLatch ready = new CountDownLatch(incidents);
        ExecutorService workers = Executors.newFixedThreadPool(20);
        InProcessEventBus bus = new InProcessEventBus();
        bus.subscribe(event -> {
            if (event.type() == DomainEvent.Type.INCIDENT_OPENED) {
                workers.submit(() -> {
                    warRoom.on(event);
                    int index = Integer.parseInt(event.attribute("title").replaceAll("\\D+", ""));
                    readyNanos[index] = System.nanoTime() - firedAt.get(event.attribute("title"));
                    ready.countDown();
                });
            }
        });
        OutboxRelay relay = new OutboxRelay(core.storage().outbox(), bus);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleWithFixedDelay(relay::relayOnce, 50, 50, TimeUnit.MILLISECONDS);

        AlarmIngestHandler ingest = new AlarmIngestHandler(new AlertsWiring(core));
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events", "alarm-metric-alarm.json")));
        long start = System.nanoTime();
        for (int i = 0; i < incidents; i++) {
            String name = "bench-alarm-" + i;
            event.put("id", UUID.randomUUID().toString());
            event.putArray("resources").add("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:" + name);
            ((ObjectNode) event.path("detail")).put("alarmName", name);
            firedAt.put(name, System.nanoTime());
            ingest.handle(JSON.writeValueAsBytes(event));
            Thread.sleep(5); // alarms arrive over a second, not all in one instant
        }
        boolean done = ready.await(10, TimeUnit.MINUTES);
        long wall = System.nanoTime() - start;
        timer.shutdownNow();
        workers.shutdown();
        long[] sorted = readyNanos.clone();
        Arrays.sort(sorted);
        int calls = slackApi.calls().size();
        System.out.printf("%nwar rooms ready:        %d of %d%s%n", incidents - ready.getCount(), incidents, done ? "" : " (timed out)");
        System.out.printf("alarm → ready p50:      %.0f ms%n", sorted[incidents / 2] / 1e6);
        System.out.printf("alarm → ready p99:      %.0f ms%n", sorted[(int) (incidents * 0.99)] / 1e6);
        System.out.printf("Slack calls / incident: %.1f (%d in all)%n", (double) calls / incidents, calls);
        double dynamoCalls = (double) warRoomCalls.count.get() / incidents;
        System.out.printf("DynamoDB calls / room:  %.1f (%d in all)%n", dynamoCalls, warRoomCalls.count.get());
        System.out.printf("channels created:       %d%n", slackApi.calls("conversations.create").size());
        System.out.printf("wall:                   %.1f s%n", wall / 1e9);
        String command = "bin/bench war-room %d %d".formatted(incidents, latencyMillis);
        Summary.add("alarm → war room ready, p50 / p99", "%.2f / %.2f s (Slack answering in %d ms)".formatted(
                sorted[incidents / 2] / 1e9, sorted[(int) (incidents * 0.99)] / 1e9, latencyMillis), command);
        Summary.add("Slack calls per war room", "%.1f".formatted((double) calls / incidents), command);
        Summary.add("DynamoDB calls per war room", "%.1f".formatted(dynamoCalls), command);
        slackApi.close();
        db.close();
        System.exit(done ? 0 : 1);
    }
}
