package io.hikeshi.handlers.warroom;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.hikeshi.handlers.LambdaEvents;
import io.hikeshi.handlers.lambda.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.warroom.WarRoomService;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.events.OutboxRelayHandler;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.TestClocks;
import io.hikeshi.handlers.slack.WarRoomHandler;
import io.hikeshi.handlers.wiring.ConfiguredServiceDirectory;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;

/** The two event functions with the sample events AWS would deliver (events/). */
class EventHandlersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @Event(value = "events/dynamodb-stream-outbox.json", type = Map.class)
    void outboxRelay_forwardsOnlyOutboxInserts(Map<String, Object> streamEvent) throws Exception {
        List<DomainEvent> published = new ArrayList<>();

        new OutboxRelayHandler(published::addAll).handleRequest(
                LambdaEvents.read(DynamodbEvent.class, JSON.writeValueAsBytes(streamEvent)), null);

        assertEquals(1, published.size(), "the MODIFY of an incident item is not an event");
        DomainEvent event = published.get(0);
        assertEquals(DomainEvent.Type.INCIDENT_OPENED, event.type());
        assertEquals("INC-0042", event.incident());
        assertEquals(Instant.parse("2026-11-24T03:12:45.123Z"), event.at());
        assertEquals("SEV2", event.attribute("severity"));
    }

    @ParameterizedTest
    @Event(value = "events/dynamodb-stream-outbox.json", type = Map.class)
    void outboxRelay_failsTheBatchWhenTheBusRefuses_soTheStreamRetries(Map<String, Object> streamEvent) throws Exception {
        OutboxRelayHandler handler = new OutboxRelayHandler(events -> {
            throw new IllegalStateException("PutEvents throttled");
        });

        DynamodbEvent batch = LambdaEvents.read(DynamodbEvent.class, JSON.writeValueAsBytes(streamEvent));
        assertThrows(IllegalStateException.class, () -> handler.handleRequest(batch, null));
    }

    @ParameterizedTest
    @Event(value = "events/eventbridge-incident-opened.json", type = Map.class)
    void warRoomHandler_buildsTheRoomFromTheBusEvent(Map<String, Object> busEvent) throws Exception {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "eventhandlers-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        // GIVEN INC-0001 declared when the sample event says it was (never the machine's day)
        Composition core = Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo,
                TestClocks.fixedAt(TestClocks.SAMPLE_ALARM_FIRED));
        core.incidents().declare("Payment API returns 5xx", Severity.SEV2, "payment-api", null, "U0BOB", null);
        try (SlackApiStub slackApi = SlackApiStub.start()) {
            SlackWiring slack = new SlackWiring(core, new HikeshiSlackApp.Settings("s", "xoxb-test",
                    slackApi.methodsUrlPrefix(), Locale.ENGLISH), task -> { });
            WarRoomService warRoom = slack.warRoom(ConfiguredServiceDirectory.load(core.json(),
                            "infrastructure/config/services.json", "infrastructure/guides"), (s, m, a) -> { },
                    new WarRoomService.Settings("inc-{date}-{number}-{slug}", null, null, ZoneId.of("Asia/Tokyo")),
                    new SlackCalls(2, Duration.ofMillis(1), Duration.ofSeconds(1)));

            // WHEN the bus delivers its "Incident Opened"
            new WarRoomHandler(warRoom).handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(busEvent)),
                    new ByteArrayOutputStream(), null);

            // THEN its war room is made, named after the day it opened in Tokyo, and the card pinned
            assertEquals(1, slackApi.calls("conversations.create").size());
            assertEquals("inc-20261124-0001-payment-api-returns-5xx", slackApi.calls("conversations.create").get(0).param("name"));
            assertEquals(1, slackApi.calls("pins.add").size());
        }
    }
}
