package io.hikeshi.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the incidents table where nothing else does (local mode, tests). In AWS the table comes
 * from template.yaml; the two definitions must match (IncidentTableTemplateTest checks the keys).
 */
public final class IncidentTable {

    private IncidentTable() { }

    /** Creates the table if it does not exist yet and waits until it is usable. */
    public static void createIfMissing(DynamoDbClient dynamo, String table) {
        try {
            dynamo.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(string(Items.PK), string(Items.SK), string(Items.GSI1_PK), string(Items.GSI1_SK))
                    .keySchema(key(Items.PK, KeyType.HASH), key(Items.SK, KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(Items.GSI1)
                            .keySchema(key(Items.GSI1_PK, KeyType.HASH), key(Items.GSI1_SK, KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
            dynamo.updateTimeToLive(r -> r.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName(Items.EXPIRES_AT).enabled(true)));
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier run (local mode with a data directory)
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
