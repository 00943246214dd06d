package io.hikeshi.bench;

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
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.wiring.ConfiguredServiceDirectory;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slackstub.ManualClock;
import io.hikeshi.slackstub.SlackApiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An alert storm against Slack's rate limits: N different alarms fire, evenly over a span, and each war room is built
 * as its "Incident Opened" is relayed, against the strict Slack stub with its rate tiers on. Slack's clock is a manual
 * one: it moves by the time between alarms and by every Retry-After the war room waits out, so the figures are Slack's
 * time, not this machine's, and the run takes seconds. Prints the time from the first alarm to the last room ready,
 * and the 429s met, per method.
 *
 * <p>The rooms are built one after another, as one war-room worker would build them: concurrent workers meet the
 * same tiers, so they finish no sooner.
 *
 * <p>Usage: {@code bin/bench slack-storm [alarms] [seconds]} (defaults 30 60).
 */
public final class SlackStormBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int alarms = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
        String table = "bench-" + UUID.randomUUID();
        IncidentTable.createIfMissing(db.client(), table);
        // Storm grouping would fold the alarms into one incident: this measures the rooms, so it is off.
        Composition core = Composition.fromSettings(Map.of(Settings.TABLE, table, Settings.STORM_LIMIT,
                String.valueOf(alarms + 1)), db.client());
        Instant first = Instant.now();
        ManualClock slackClock = new ManualClock(first);
        SlackApiStub slackApi = SlackApiStub.builder().clock(slackClock).start();
        SlackWiring slack = new SlackWiring(core, new HikeshiSlackApp.Settings("s", "xoxb-bench",
                slackApi.methodsUrlPrefix(), Locale.JAPANESE), task -> { });
        WarRoomService warRoom = slack.warRoom(ConfiguredServiceDirectory.load(core.json(),
                        "infrastructure/config/services.json", "infrastructure/guides"), (subject, message, attributes) -> { },
                new WarRoomService.Settings("inc-{date}-{number}-{slug}", "C0INCIDENTS", "https://hikeshi.example.jp",
                        ZoneId.of("Asia/Tokyo")), SlackCalls.standard().pausingWith(slackClock::advance));

        List<Duration> ready = Collections.synchronizedList(new ArrayList<>());
        Instant[] arrived = new Instant[1];
        InProcessEventBus bus = new InProcessEventBus();
        bus.subscribe(event -> {
            warRoom.on(event);
            if (event.type() == DomainEvent.Type.INCIDENT_OPENED) {
                ready.add(Duration.between(arrived[0], slackClock.instant()));
            }
        });
        OutboxRelay relay = new OutboxRelay(core.storage().outbox(), bus);
        AlarmIngestHandler ingest = new AlarmIngestHandler(new AlertsWiring(core));
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events", "alarm-metric-alarm.json")));
        Duration between = Duration.ofMillis(seconds * 1000L / Math.max(1, alarms));
        System.out.printf("Slack storm: %d alarms over %d s, strict Slack stub (rate tiers on), rooms built as events arrive%n",
                alarms, seconds);
        long wallStart = System.nanoTime();
        for (int i = 0; i < alarms; i++) {
            Instant arrives = first.plus(between.multipliedBy(i));
            if (slackClock.instant().isBefore(arrives)) {
                slackClock.advance(Duration.between(slackClock.instant(), arrives));
            }
            arrived[0] = arrives;
            String name = "決済API-5xx率🔥-" + i;
            event.put("id", UUID.randomUUID().toString());
            event.putArray("resources").add("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:" + name);
            ((ObjectNode) event.path("detail")).put("alarmName", name);
            ingest.handle(JSON.writeValueAsBytes(event));
            while (relay.relayOnce() > 0) {
                // until this alarm's events (and its room) are through
            }
        }
        long wall = System.nanoTime() - wallStart;
        report(alarms, ready, Duration.between(first, slackClock.instant()), slackApi, wall, "%d %d".formatted(alarms, seconds));
        slackApi.close();
        db.close();
        System.exit(ready.size() == alarms ? 0 : 1);
    }

    private static void report(int alarms, List<Duration> ready, Duration toLast, SlackApiStub slackApi, long wallNanos,
                               String args) {
        long throttled = slackApi.throttled().values().stream().mapToLong(Long::longValue).sum();
        long refusedOtherwise = slackApi.refusals().stream().filter(e -> e.httpStatus() != 429).count();
        Duration slowest = ready.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        System.out.printf("%nwar rooms ready:             %d of %d%n", ready.size(), alarms);
        System.out.printf("first alarm → last room:     %.1f s (Slack's clock)%n", toLast.toMillis() / 1e3);
        System.out.printf("alarm → room, slowest:       %.1f s (queued behind the rooms before it)%n", slowest.toMillis() / 1e3);
        System.out.printf("429s met:                    %d %s%n", throttled, slackApi.throttled());
        System.out.printf("other error answers:         %d%n", refusedOtherwise);
        System.out.printf("Slack calls:                 %d (%.1f per room)%n", slackApi.calls().size(),
                (double) slackApi.calls().size() / alarms);
        System.out.printf("wall:                        %.1f s%n", wallNanos / 1e9);
        String command = "bin/bench slack-storm " + args;
        Summary.add("alert storm: first alarm → last war room", "%.0f s, %d rooms of %d (Slack's clock)".formatted(
                toLast.toMillis() / 1e3, ready.size(), alarms), command);
        Summary.add("alert storm: 429s met (waited out)", String.valueOf(throttled), command);
    }
}
