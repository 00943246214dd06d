package io.hikeshi.bench;

import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.ingest.webhook.WebhookAuthenticator;
import io.hikeshi.local.LocalServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Webhook alerts in local mode, over real HTTP on loopback: C concurrent senders post N signed
 * generic alerts (spread over K dedup keys) and the program prints alerts/s and latency; then an
 * Alertmanager storm of 500 alerts sharing 5 group keys, and the incidents it opened (must be 5).
 *
 * <p>Usage: {@code bin/bench webhooks [alerts] [senders]} (defaults 5000 50).
 */
public final class WebhookBench {

    private static final String SECRET = "bench-secret";
    private static final int DEDUP_KEYS = 20;

    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
        var dynamo = db.client();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(senders)).build();
        System.out.printf("Webhooks in local mode: %,d signed generic alerts over %d dedup keys, %d concurrent senders%n",
                alerts, DEDUP_KEYS, senders);

        try (LocalServer server = server(dynamo)) {
            send(http, server, senders, 1_000, WebhookBench::generic); // warm-up
        }
        Composition app;
        long[] latencies;
        long wall;
        try (LocalServer server = server(dynamo)) {
            long start = System.nanoTime();
            latencies = send(http, server, senders, alerts, WebhookBench::generic);
            wall = System.nanoTime() - start;
        }
        System.out.printf("%n%-26s %10s %10s %10s%n", "", "alerts/s", "p50 ms", "p99 ms");
        System.out.printf("%-26s %10.0f %10.2f %10.2f%n", "generic webhook (HTTP)", alerts / (wall / 1e9),
                latencies[alerts / 2] / 1e6, latencies[(int) (alerts * 0.99)] / 1e6);

        String stormTable = table(dynamo);
        app = Composition.fromSettings(Map.of(Settings.TABLE, stormTable), dynamo, reference -> SECRET);
        try (LocalServer server = new LocalServer(app, "127.0.0.1", 0).start()) {
            send(http, server, senders, 500, WebhookBench::alertmanager);
        }
        List<Incident> incidents = app.storage().search().recent(1000);
        System.out.printf("%nAlertmanager storm: 500 alerts, 5 group keys, %d senders%n", senders);
        System.out.printf("incidents opened:     %d (must be 5)%n", incidents.size());
        System.out.printf("alerts counted:       %d (must be 500)%n", incidents.stream().mapToLong(Incident::occurrences).sum());
        String command = "bin/bench webhooks %d %d".formatted(alerts, senders);
        Summary.add("webhook alerts (generic, HTTP)", "%,.0f alerts/s, p50 %.0f ms, p99 %.0f ms".formatted(alerts / (wall / 1e9),
                latencies[alerts / 2] / 1e6, latencies[(int) (alerts * 0.99)] / 1e6), command);
        Summary.add("Alertmanager storm, 500 alerts in 5 groups", "%d incidents, %d counted".formatted(incidents.size(),
                incidents.stream().mapToLong(Incident::occurrences).sum()), command);
        db.close();
        System.exit(incidents.size() == 5 ? 0 : 1);
    }

    private static LocalServer server(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) throws Exception {
        // The throughput run spreads alerts over 20 keys: lift the storm guard so it measures intake, not grouping.
        Composition app = Composition.fromSettings(Map.of(Settings.TABLE, table(dynamo), Settings.STORM_LIMIT, "100000"),
                dynamo, reference -> SECRET);
        return new LocalServer(app, "127.0.0.1", 0).start();
    }

    private static String table(software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) {
        String table = "bench-" + UUID.randomUUID();
        IncidentTable.createIfMissing(dynamo, table);
        return table;
    }

    interface Request {
        HttpRequest build(URI base, int i);
    }

    private static long[] send(HttpClient http, LocalServer server, int senders, int count, Request request) throws Exception {
        URI base = URI.create("http://127.0.0.1:" + server.port());
        long[] nanos = new long[count];
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.add(() -> {
                long start = System.nanoTime();
                HttpResponse<String> r = http.send(request.build(base, index), HttpResponse.BodyHandlers.ofString());
                nanos[index] = System.nanoTime() - start;
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        pool.shutdown();
        Arrays.sort(nanos);
        return nanos;
    }

    private static HttpRequest generic(URI base, int i) {
        String body = """
                {"action":"trigger","dedupKey":"host-%d","summary":"scooter gateway %d unreachable (%d)","severity":"warning","service":"fleet-telemetry"}
                """.formatted(i % DEDUP_KEYS, i % DEDUP_KEYS, i);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = HexFormat.of().formatHex(WebhookAuthenticator.hmacSha256(SECRET,
                (timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(base.resolve("/alerts/generic"))
                .header("X-Hikeshi-Timestamp", timestamp).header("X-Hikeshi-Signature", "sha256=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest alertmanager(URI base, int i) {
        String group = "zone-" + (i % 5);
        String body = """
                {"version":"4","groupKey":"{}:{alertname=\\"NodeDown\\",zone=\\"%s\\"}","status":"firing","receiver":"hikeshi",
                 "groupLabels":{"alertname":"NodeDown","zone":"%s"},"commonLabels":{"alertname":"NodeDown","severity":"critical"},
                 "commonAnnotations":{"summary":"gateways down in %s"},"externalURL":"http://alertmanager:9093",
                 "alerts":[{"status":"firing","labels":{"instance":"gw-%d"},"annotations":{},
                   "startsAt":"2026-11-24T03:00:00.000Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"%016x"}]}
                """.formatted(group, group, group, i, i);
        return HttpRequest.newBuilder(base.resolve("/alerts/alertmanager"))
                .header("Authorization", "Bearer " + SECRET).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
