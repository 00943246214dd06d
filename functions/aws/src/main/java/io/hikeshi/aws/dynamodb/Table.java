package io.hikeshi.aws.dynamodb;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The one table every adapter here shares: its client, its name, and the clock expiry is judged by. */
record Table(DynamoDbClient client, String name, Clock clock) {

    Table {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clock, "clock");
    }

    /** The item at {@code key}, read consistently (what was just written is seen). */
    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        var item = client.getItem(r -> r.tableName(name).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** A whole-item put, only if the item is still at {@code expectedVersion} (0: only if absent). */
    boolean putVersioned(Map<String, AttributeValue> item, long expectedVersion) {
        var put = PutItemRequest.builder().tableName(name).item(item);
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", Items.VERSION))
                    .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion)));
        }
        try {
            client.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
