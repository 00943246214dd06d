package io.hikeshi.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The incidents table on DynamoDB Local, for tests. */
public final class TestTables {

    private TestTables() { }

    /**
     * Creates the table as local mode does, then turns DynamoDB Local's TTL sweeper off for it. The
     * sweeper deletes items whose {@code expiresAt} has passed by the machine's clock, so records a test
     * writes on a fixed clock (an outbox event expiring a day after the samples' 2026-11-24, a done
     * marker a month after) would vanish while it runs, sooner or later depending on the machine's day.
     * The store judges expiry by its own clock; the sweeper only frees space.
     */
    public static void createWithoutTtlSweeper(DynamoDbClient dynamo, String table) {
        IncidentTable.createIfMissing(dynamo, table);
        String ttlAttribute = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().attributeName();
        dynamo.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t.attributeName(ttlAttribute).enabled(false)));
    }
}
