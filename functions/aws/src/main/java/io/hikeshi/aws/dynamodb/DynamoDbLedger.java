package io.hikeshi.aws.dynamodb;

import static io.hikeshi.aws.dynamodb.Items.n;

import io.hikeshi.core.event.SideEffectLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link SideEffectLedger} on the table: one item per step done, expiring with the table's TTL. */
final class DynamoDbLedger implements SideEffectLedger {

    private final Table table;

    DynamoDbLedger(Table table) {
        this.table = table;
    }

    @Override
    public boolean isDone(String step) {
        return table.get(Items.doneKey(step)).isPresent();
    }

    @Override
    public void markDone(String step, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(Items.doneKey(step));
        item.put(Items.EXPIRES_AT, n(expiresAt.getEpochSecond()));
        table.client().putItem(r -> r.tableName(table.name()).item(item));
    }
}
