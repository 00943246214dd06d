package io.hikeshi.aws.dynamodb;

import io.hikeshi.core.store.Storage;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every persistence port of the core on one DynamoDB table (keys and access patterns: docs/architecture.md). */
public final class DynamoDbStorage {

    private DynamoDbStorage() { }

    /**
     * @param clock judges expiry (delivery records, counters, the ledger) and stamps what the table records
     */
    public static Storage on(DynamoDbClient client, String tableName, Clock clock) {
        Table table = new Table(client, tableName, clock);
        return new Storage(new DynamoDbIncidents(table), new DynamoDbSearch(table), new DynamoDbAlertStates(table),
                new DynamoDbPostmortems(table), new DynamoDbWarRooms(table), new DynamoDbOutbox(table),
                new DynamoDbLedger(table), new DynamoDbCounters(table), new DynamoDbPeople(table));
    }
}
