package io.hikeshi.aws.dynamodb;

import static io.hikeshi.aws.dynamodb.Items.n;

import io.hikeshi.core.store.Counters;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** {@link Counters} on the table: an atomic {@code ADD} per counter item, expiring with the table's TTL. */
final class DynamoDbCounters implements Counters {

    private final Table table;

    DynamoDbCounters(Table table) {
        this.table = table;
    }

    @Override
    public long increment(String counter, java.time.Instant expiresAt) {
        var updated = table.client().updateItem(r -> r.tableName(table.name()).key(Items.key("COUNTER#" + counter, "COUNTER"))
                .updateExpression("ADD #value :one SET expiresAt = if_not_exists(expiresAt, :expires)")
                .expressionAttributeNames(Map.of("#value", "value"))
                .expressionAttributeValues(Map.of(":one", n(1), ":expires", n(expiresAt.getEpochSecond())))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(updated.attributes().get("value").n());
    }
}
