package io.hikeshi.handlers.wiring;

import io.hikeshi.handlers.lambda.Settings;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How every function builds its SDK clients: once per execution environment (in its handler's no-arg
 * constructor, so that SnapStart snapshots them built), on the JDK's URL connection (the lightest HTTP
 * client to start), region and credentials from Lambda's environment.
 */
public final class AwsClients {

    private AwsClients() { }

    /** e.g. {@code AwsClients.build(SnsClient.builder())}. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return builder.httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** DynamoDB, or DynamoDB Local where {@link Settings#dynamoDbEndpoint()} says so. */
    public static DynamoDbClient dynamoDb(Settings settings) {
        var builder = DynamoDbClient.builder();
        if (settings.dynamoDbEndpoint() != null) {
            builder.endpointOverride(settings.dynamoDbEndpoint());
        }
        return build(builder);
    }
}
