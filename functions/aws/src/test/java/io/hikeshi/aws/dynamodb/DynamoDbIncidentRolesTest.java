package io.hikeshi.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Roles;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import io.hikeshi.core.store.Storage;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Roles besides the commander on DynamoDB Local: one more attribute of the incident item, versioned like the commander. */
class DynamoDbIncidentRolesTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:12:45.123Z");

    private DynamoDbClient dynamo;
    private String table;
    private Storage store;
    private IncidentService incidents;

    @BeforeEach
    void createTable() {
        dynamo = EmbeddedDynamoDb.shared().client();
        table = "roles-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        store = DynamoDbStorage.on(dynamo, table, Clock.fixed(T0, ZoneOffset.UTC));
        incidents = new IncidentService(store, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), Duration.ofHours(72),
                Roles.parse("comms,scribe,customer-liaison"));
    }

    private IncidentId declare() {
        return incidents.declare("Payment API returns 5xx", Severity.SEV2, "payment-api", null, "U0ALICE", null)
                .orElseThrow().id();
    }

    @Test
    void rolesRoundTrip_withTheirTimelineEntryAndEvent_andAnIncidentWithoutRolesHasNoAttribute() {
        IncidentId id = declare();
        assertFalse(item(id).containsKey("roles"), "no roles filled: no attribute");
        store.outbox().relayed(store.outbox().pending(100));

        incidents.assignRole(id, "comms", "U0CAROL", "U0ALICE");
        incidents.assignRole(id, "customer-liaison", "U0BOB", "U0ALICE");

        Incident read = store.incidents().find(id).orElseThrow();
        assertEquals(Map.of("comms", "U0CAROL", "customer-liaison", "U0BOB"), read.roles());
        assertEquals(3, read.version());
        assertEquals(2, store.incidents().timeline(id, 10).stream().filter(e -> e.kind() == TimelineKind.ROLE_CHANGED).count());
        assertEquals(List.of(DomainEvent.Type.ROLE_CHANGED, DomainEvent.Type.ROLE_CHANGED),
                store.outbox().pending(100).stream().map(DomainEvent::type).toList());
    }

    @Test
    void aRoleChangeFromAStaleVersion_conflicts_andTheCommanderAndRolesWrittenMeanwhileSurvive() {
        IncidentId id = declare();
        Incident read = store.incidents().find(id).orElseThrow();
        incidents.assignCommander(id, "U0ALICE", "U0ALICE");
        incidents.assignRole(id, "scribe", "U0BOB", "U0ALICE");

        CommitResult stale = store.incidents().commit(new Change(null,
                new Change.Update(read.withRole("scribe", "U0DAVE")), null, List.of()));

        assertEquals(CommitResult.CONFLICT, stale);
        Incident now = store.incidents().find(id).orElseThrow();
        assertEquals("U0ALICE", now.commander());
        assertEquals(Map.of("scribe", "U0BOB"), now.roles());
    }

    @Test
    void anotherChange_keepsTheRolesStored() {
        IncidentId id = declare();
        incidents.assignRole(id, "comms", "U0CAROL", "U0ALICE");

        incidents.changeSeverity(id, Severity.SEV1, "U0ALICE");

        assertEquals(Map.of("comms", "U0CAROL"), store.incidents().find(id).orElseThrow().roles());
        assertEquals("U0CAROL", item(id).get("roles").m().get("comms").s());
    }

    private Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item(IncidentId id) {
        return dynamo.getItem(r -> r.tableName(table).key(Items.incidentKey(id)).consistentRead(true)).item();
    }
}
