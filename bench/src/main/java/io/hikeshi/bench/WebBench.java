package io.hikeshi.bench;

import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.store.Change;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.web.WebApp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The web page with N incidents in DynamoDB Local (default 10,000, spread over 90 days, most
 * resolved): response times of the list (first page, a filtered page, a title search) and of the
 * metrics page, p50/p99, through the same WebApp the function and local mode serve.
 *
 * <p>Usage: {@code bin/bench web [incidents]}.
 */
public final class WebBench {

    private static final String[] SERVICES = {"payment-api", "ride-booking", "unlock", "checkout", "fleet-telemetry"};

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
        var dynamo = db.client();
        String table = "bench-" + UUID.randomUUID();
        IncidentTable.createIfMissing(dynamo, table);
        Composition core = Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo);
        System.out.printf("Web page with %,d incidents in DynamoDB Local: seeding …%n", n);
        long seedStart = System.nanoTime();
        seed(core, n);
        System.out.printf("seeded in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);
        WebApp web = new WebApp(new IncidentBrowser(core.storage(), Clock.systemUTC(), ZoneId.of("Asia/Tokyo")), null);

        System.out.printf("%n%-34s %8s %10s %10s%n", "", "requests", "p50 ms", "p99 ms");
        command = "bin/bench web " + n;
        report("list, first page (50)", 200, () -> web.handle(get("/", Map.of())));
        report("list, severity=SEV1", 100, () -> web.handle(get("/", Map.of("severity", "SEV1"))));
        report("list, search q=unlock", 100, () -> web.handle(get("/", Map.of("q", "unlock"))));
        report("export.json, 500 per page", 50, () -> web.handle(get("/export.json", Map.of())));
        report("metrics (90 days, all incidents)", 20, () -> web.handle(get("/metrics", Map.of())));
        db.close();
    }

    private static String command;

    private static WebApp.Request get(String path, Map<String, String> query) {
        return new WebApp.Request("GET", path, query, null);
    }

    private static void report(String label, int requests, Supplier<WebApp.Response> call) {
        for (int i = 0; i < Math.min(10, requests); i++) {
            call.get(); // warm-up
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            WebApp.Response r = call.get();
            nanos[i] = System.nanoTime() - start;
            if (r.status() != 200) {
                throw new IllegalStateException(label + " answered " + r.status());
            }
        }
        Arrays.sort(nanos);
        double p50 = nanos[requests / 2] / 1e6;
        double p99 = nanos[Math.min(requests - 1, (int) (requests * 0.99))] / 1e6;
        System.out.printf("%-34s %8d %10.1f %10.1f%n", label, requests, p50, p99);
        Summary.add("web: " + label + ", p50 / p99", "%.1f / %.1f ms".formatted(p50, p99), command);
    }

    /** Incidents over the last 90 days, in parallel; 90% resolved, with realistic time-to-X. */
    private static void seed(Composition core, int n) throws Exception {
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int k = i;
            done.add(pool.submit(() -> {
                Instant detected = now.minus(Duration.ofMinutes((long) k * 90 * 24 * 60 / n));
                String service = SERVICES[k % SERVICES.length];
                Incident incident = Incident.open(new IncidentId(k), service + " incident " + k, Severity.values()[k % 4],
                        service, null, null, detected);
                if (k % 10 != 0) {
                    incident = incident.moveTo(Status.ACKNOWLEDGED, detected.plus(Duration.ofMinutes(2 + k % 13)))
                            .moveTo(Status.RESOLVED, detected.plus(Duration.ofMinutes(20 + k % 170)));
                }
                core.storage().incidents().commit(new Change(null, new Change.Create(incident), null, List.of()));
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
