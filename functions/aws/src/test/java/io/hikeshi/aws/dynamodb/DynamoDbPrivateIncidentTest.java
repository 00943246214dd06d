package io.hikeshi.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.store.Storage;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An incident's visibility on DynamoDB Local: written when private, absent (public) otherwise, kept through changes. */
class DynamoDbPrivateIncidentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:12:45Z"), ZoneOffset.UTC);

    private DynamoDbClient dynamo;
    private String table;
    private Storage store;
    private IncidentService incidents;

    @BeforeEach
    void createTable() {
        dynamo = EmbeddedDynamoDb.shared().client();
        table = "incidents-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        store = DynamoDbStorage.on(dynamo, table, CLOCK);
        incidents = new IncidentService(store, CLOCK);
    }

    private Map<String, AttributeValue> item(Incident incident) {
        return dynamo.getItem(r -> r.tableName(table).key(Items.incidentKey(incident.id())).consistentRead(true)).item();
    }

    @Test
    void aPrivateIncident_readsBackPrivate_afterAPersonsChangeToo_andInTheList() {
        Incident declared = incidents.declare("Leaked customer data", Severity.SEV2, "payment-api", null, "U0BOB", "v1",
                null, Incident.Visibility.PRIVATE).orElseThrow();

        assertTrue(store.incidents().find(declared.id()).orElseThrow().isPrivate());
        assertEquals("PRIVATE", item(declared).get("visibility").s());

        incidents.changeSeverity(declared.id(), Severity.SEV1, "U0BOB");
        assertTrue(store.incidents().find(declared.id()).orElseThrow().isPrivate());
        assertTrue(store.search().recent(10).get(0).isPrivate());
    }

    @Test
    void aPublicIncident_hasNoVisibilityAttribute_soRowsWrittenBeforeItReadAsPublic() {
        Incident declared = incidents.declare("Checkout slow", Severity.SEV3, "payment-api", null, "U0BOB", "v2")
                .orElseThrow();

        assertFalse(item(declared).containsKey("visibility"));
        assertEquals(Incident.Visibility.PUBLIC, store.incidents().find(declared.id()).orElseThrow().visibility());
    }
}
