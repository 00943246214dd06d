package io.hikeshi.aws.dynamodb;

import io.hikeshi.core.store.Backoff;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The one table every adapter here shares: its client, its name, and the clock expiry is judged by. */
record Table(DynamoDbClient client, String name, Clock clock) {

    /** BatchGetItem: "A single operation can retrieve up to 16 MB of data, which can contain as many as 100 items." */
    private static final int BATCH_GET_LIMIT = 100;
    private static final int MAX_BATCH_ATTEMPTS = 8;

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

    /**
     * The items at {@code keys} that exist, read consistently, in any order: BatchGetItem, 100 keys a request (its
     * limit), asking again for the keys DynamoDB left unprocessed (throttling, 16 MB) after a short pause.
     */
    List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            Map<String, KeysAndAttributes> wanted = Map.of(name, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))).consistentRead(true).build());
            for (int attempt = 1; !wanted.isEmpty(); attempt++) {
                if (attempt > MAX_BATCH_ATTEMPTS || (attempt > 1 && !Backoff.pause(attempt))) {
                    throw new IllegalStateException("DynamoDB left keys unprocessed " + MAX_BATCH_ATTEMPTS + " times: " + name);
                }
                Map<String, KeysAndAttributes> asked = wanted;
                BatchGetItemResponse answer = client.batchGetItem(r -> r.requestItems(asked));
                found.addAll(answer.responses().getOrDefault(name, List.of()));
                wanted = answer.unprocessedKeys();
            }
        }
        return found;
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
