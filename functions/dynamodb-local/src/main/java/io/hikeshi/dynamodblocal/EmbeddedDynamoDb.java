package io.hikeshi.dynamodblocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * AWS's own DynamoDB Local, started in this JVM on a loopback port and spoken to over HTTP by the
 * ordinary SDK client, so local mode and tests exercise the same wire protocol as AWS.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private static EmbeddedDynamoDb shared;

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param dataDirectory where to keep the data between runs, or null for in-memory
     */
    public static EmbeddedDynamoDb start(Path dataDirectory) {
        int port = freeLoopbackPort();
        String[] args = dataDirectory == null
                ? new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"}
                : new String[] {"-dbPath", createDirectories(dataDirectory).toString(), "-sharedDb",
                        "-port", Integer.toString(port), "-disableTelemetry"};
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return new EmbeddedDynamoDb(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** One in-memory instance per JVM, for tests; tables are created with unique names per test. */
    public static synchronized EmbeddedDynamoDb shared() {
        if (shared == null) {
            shared = start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this instance with dummy credentials (DynamoDB Local checks none). */
    public DynamoDbClient client() {
        return clientBuilder().build();
    }

    /** The same client's builder, for callers that add interceptors or overrides. */
    public software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder clientBuilder() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.AP_NORTHEAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // shutting down anyway
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir, e);
        }
    }
}
