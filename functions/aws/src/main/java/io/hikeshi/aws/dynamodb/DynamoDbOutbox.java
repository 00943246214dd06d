package io.hikeshi.aws.dynamodb;

import static io.hikeshi.aws.dynamodb.Items.s;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.Outbox;
import java.util.List;
import java.util.Map;

/** {@link Outbox} on the table's index of outbox items (local mode's relay; in AWS the stream relays). */
final class DynamoDbOutbox implements Outbox {

    private final Table table;

    DynamoDbOutbox(Table table) {
        this.table = table;
    }

    @Override
    public List<DomainEvent> pending(int limit) {
        return table.client().query(r -> r.tableName(table.name()).indexName(Items.GSI1)
                        .keyConditionExpression("gsi1pk = :outbox")
                        .expressionAttributeValues(Map.of(":outbox", s(Items.OUTBOX)))
                        .limit(limit))
                .items().stream().map(Items::domainEvent).toList();
    }

    @Override
    public void relayed(List<DomainEvent> events) {
        events.forEach(e -> table.client().deleteItem(r -> r.tableName(table.name()).key(Items.key(Items.OUTBOX + "#" + e.id(), Items.OUTBOX))));
    }
}
