package io.hikeshi.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.AlarmIngestHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold init of the alarm-ingest function: a fresh JVM constructs the handler the way the Lambda
 * runtime does (no-arg constructor, configuration from the environment) and handles its first
 * event; beside a bare handler that builds the same DynamoDB client and makes one call. Without
 * SnapStart; the JVM start itself is excluded (the clock starts in main).
 *
 * <p>Usage: {@code bin/bench cold-start [runs]} (default 5).
 */
public final class ColdStartBench {

    /** The baseline: the same SDK client, one GetItem, nothing else. */
    public static final class BareHandler implements RequestStreamHandler {
        private final DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(java.net.URI.create(System.getenv("HIKESHI_DYNAMODB_ENDPOINT")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();

        @Override
        public void handleRequest(java.io.InputStream in, java.io.OutputStream out,
                                  com.amazonaws.services.lambda.runtime.Context context) throws java.io.IOException {
            in.readAllBytes();
            dynamo.getItem(r -> r.tableName(System.getenv("HIKESHI_TABLE"))
                    .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"),
                            "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))));
            out.write("{}".getBytes());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--once")) {
            System.out.println(once(args[1]));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null)) {
            String table = "cold-" + UUID.randomUUID();
            IncidentTable.createIfMissing(db.client(), table);
            double hikeshi = median(runs, AlarmIngestHandler.class.getName(), db, table);
            double bare = median(runs, BareHandler.class.getName(), db, table);
            System.out.printf("Cold init, fresh JVM → first event handled (median of %d, no SnapStart)%n", runs);
            System.out.printf("%-32s %10.0f ms%n", "alarm-ingest (AlarmIngestHandler)", hikeshi);
            System.out.printf("%-32s %10.0f ms%n", "bare handler, same DynamoDB client", bare);
            System.out.printf("%-32s %10.2f%n", "ratio", hikeshi / bare);
            long jar = Files.size(Path.of("functions/handlers/target/hikeshi-handlers.jar"));
            System.out.printf("Lambda artifact: functions/handlers/target/hikeshi-handlers.jar, %.1f MB%n", jar / 1e6);
        }
    }

    private static double median(int runs, String handler, EmbeddedDynamoDb db, String table) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                    System.getProperty("java.class.path"), "-Dhikeshi.logLevel=WARN", ColdStartBench.class.getName(), "--once", handler);
            pb.environment().putAll(Map.of("HIKESHI_TABLE", table, "HIKESHI_DYNAMODB_ENDPOINT", db.endpoint().toString(),
                    "AWS_REGION", "ap-northeast-1", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
            Process p = pb.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(handler + " failed: " + out);
            }
            String[] lines = out.split("\n");
            times.add(Double.parseDouble(lines[lines.length - 1].strip()));
        }
        times.sort(Double::compare);
        return times.get(times.size() / 2);
    }

    /** In the fresh JVM: construct like the runtime, handle one real alarm event. */
    private static double once(String handlerClass) throws Exception {
        byte[] event = new String(Files.readAllBytes(Path.of("events", "alarm-metric-alarm.json")))
                .replace("7d2a1c7e-4b1f-4c8e-9a51-0f3c2b6a9e01", UUID.randomUUID().toString()).getBytes();
        long start = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass).getConstructor().newInstance();
        handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
        return (System.nanoTime() - start) / 1e6;
    }
}
