package io.hikeshi.dynamodblocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
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

    /** Never bound: replaced by port 0 before the server starts (see loopbackOnAnyFreePort). */
    private static final String PLACEHOLDER_PORT = "8000";

    private static EmbeddedDynamoDb shared;

    /** How long {@link #close} waits for the database files to be let go. */
    private static final long RELEASE_MILLIS = 10_000;

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final boolean onFiles;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, URI endpoint, boolean onFiles) {
        this.server = server;
        this.endpoint = endpoint;
        this.onFiles = onFiles;
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param dataDirectory where to keep the data between runs, or null for in-memory
     */
    public static EmbeddedDynamoDb start(Path dataDirectory) {
        String[] args = dataDirectory == null
                ? new String[] {"-inMemory", "-port", PLACEHOLDER_PORT, "-disableTelemetry"}
                : new String[] {"-dbPath", createDirectories(dataDirectory).toString(), "-sharedDb",
                        "-port", PLACEHOLDER_PORT, "-disableTelemetry"};
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            ServerConnector connector = loopbackOnAnyFreePort(server);
            server.start();
            return new EmbeddedDynamoDb(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()),
                    dataDirectory != null);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
    }

    /**
     * DynamoDB Local's command line refuses port 0, and a port found free and then handed over can be
     * taken by another process in between. So its Jetty connector is pointed at loopback port 0 before it
     * starts: the kernel picks a free port as it binds, and the connector reports it. The Jetty server
     * is a private field of DynamoDBProxyServer (DynamoDBLocal 3.1.0, Jetty 12); the connector API is public.
     */
    private static ServerConnector loopbackOnAnyFreePort(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        return connector;
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
        if (onFiles) {
            awaitDatabaseFilesReleased();
        }
    }

    /**
     * DynamoDB Local stops its SQLite queue without waiting for it to finish: until the queue's thread has closed its
     * connection, a new instance on the same directory (a restart) is answered "database is locked". The queue's
     * thread is named after the database file ({@code SQLiteQueue[shared-local-instance.db]}; in memory,
     * {@code SQLiteQueue[]}).
     */
    private static void awaitDatabaseFilesReleased() {
        long deadline = System.currentTimeMillis() + RELEASE_MILLIS;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("SQLiteQueue[") && !thread.getName().equals("SQLiteQueue[]")) {
                try {
                    thread.join(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
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
