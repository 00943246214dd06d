package io.hikeshi.bench;

import io.hikeshi.handlers.lambda.Settings;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackHttp;
import io.hikeshi.slack.SlackSignatureCheck;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.slackstub.SlackSigner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * How fast a signed slash command is acknowledged (Slack gives up after 3 s): warm p50/p99 over
 * 1,000 requests, and the first request of a fresh JVM (what a cold start costs), for Hikeshi's
 * app and for a bare Bolt app that only acks, both through the same HTTP adapter, with DynamoDB
 * Local and a Slack-shaped stub on loopback.
 *
 * <p>Usage: {@code bin/bench slack-ack [requests]}. The command is {@code /incident note}: a
 * signature check, the replay guard's write, and a timeline write per request.
 */
public final class SlackAckBench {

    private static final String SECRET = "bench-signing-secret";
    private static final int COLD_RUNS = 3;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("--cold-")) {
            System.out.println(coldOnce(args[0].substring("--cold-".length())));
            return;
        }
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        System.out.printf("Slack ack latency: signed /incident commands through the handler's adapter (%d warm requests)%n",
                requests);
        double[] hikeshiWarm = warm("hikeshi", requests);
        double[] bareWarm = warm("bare", requests);
        double hikeshiCold = medianCold("hikeshi");
        double bareCold = medianCold("bare");
        System.out.printf("%n%-26s %10s %10s %16s%n", "", "warm p50", "warm p99", "cold first req");
        System.out.printf("%-26s %8.2fms %8.2fms %14.0fms%n", "Hikeshi (/incident note)", hikeshiWarm[0], hikeshiWarm[1], hikeshiCold);
        System.out.printf("%-26s %8.2fms %8.2fms %14.0fms%n", "bare Bolt app (ack only)", bareWarm[0], bareWarm[1], bareCold);
        System.out.printf("%-26s %10.2f %10.2f %16.2f%n", "ratio Hikeshi/bare", hikeshiWarm[0] / bareWarm[0],
                hikeshiWarm[1] / bareWarm[1], hikeshiCold / bareCold);
        System.out.printf("(cold = median of %d fresh JVMs: building the app + the first request; DynamoDB Local and%n"
                + " the stub are started before the clock. Slack's limit is 3000 ms.)%n", COLD_RUNS);
        String command = "bin/bench slack-ack " + requests;
        Summary.add("Slack ack, warm p50 / p99", "%.1f / %.1f ms".formatted(hikeshiWarm[0], hikeshiWarm[1]), command);
        Summary.add("Slack ack, cold first request", "%.0f ms vs %.0f ms bare Bolt (×%.2f)".formatted(hikeshiCold, bareCold,
                hikeshiCold / bareCold), command);
    }

    /** One app in this JVM, warmed up, then timed. */
    private static double[] warm(String which, int requests) throws Exception {
        try (Fixture f = Fixture.start()) {
            SlackHttp http = f.app(which);
            for (int i = 0; i < 200; i++) {
                f.send(http, i);
            }
            long[] nanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                int status = f.send(http, 1_000 + i);
                nanos[i] = System.nanoTime() - start;
                if (status != 200) {
                    throw new IllegalStateException(which + " answered " + status + " to request " + i);
                }
            }
            Arrays.sort(nanos);
            return new double[] {nanos[requests / 2] / 1e6, nanos[(int) (requests * 0.99)] / 1e6};
        }
    }

    private static double medianCold(String which) throws Exception {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                    System.getProperty("java.class.path"), "-Dhikeshi.logLevel=WARN", SlackAckBench.class.getName(),
                    "--cold-" + which).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cold run failed: " + out);
            }
            String[] lines = out.split("\n");
            runs.add(Double.parseDouble(lines[lines.length - 1].strip()));
        }
        runs.sort(Double::compare);
        return runs.get(runs.size() / 2);
    }

    /** In a fresh JVM: milliseconds from building the app to the first answered request. */
    private static double coldOnce(String which) throws Exception {
        try (Fixture f = Fixture.start()) {
            long start = System.nanoTime();
            SlackHttp http = f.app(which);
            int status = f.send(http, 0);
            double millis = (System.nanoTime() - start) / 1e6;
            if (status != 200) {
                throw new IllegalStateException("first request answered " + status);
            }
            return millis;
        }
    }

    /** DynamoDB Local, a Slack stub and an incident whose war room the commands are typed in. */
    private record Fixture(EmbeddedDynamoDb db, SlackApiStub slack, Composition core) implements AutoCloseable {

        static Fixture start() {
            EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
            var dynamo = db.client();
            String table = "bench-" + UUID.randomUUID();
            IncidentTable.createIfMissing(dynamo, table);
            Composition core = Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo);
            Incident incident = core.incidents().declare("Payment API returns 5xx", Severity.SEV2, "payment-api", null,
                    "U0ALICE", null).orElseThrow();
            core.storage().warRooms().recordChannel(incident.id(), "inc-0042-payment-api", "C0WARROOM");
            return new Fixture(db, SlackApiStub.start(), core);
        }

        SlackHttp app(String which) {
            if ("bare".equals(which)) {
                SlackConfig config = new SlackConfig();
                config.setMethodsEndpointUrlPrefix(slack.methodsUrlPrefix());
                App bare = new App(AppConfig.builder().requestVerificationEnabled(false).singleTeamBotToken("xoxb-bench")
                        .slack(Slack.getInstance(config)).build());
                bare.command("/incident", (req, ctx) -> ctx.ack("ok"));
                return new SlackHttp(bare, new SlackSignatureCheck(() -> SECRET, java.time.Clock.systemUTC()), () -> "xoxb-bench");
            }
            return new SlackWiring(core, new HikeshiSlackApp.Settings(SECRET, "xoxb-bench", slack.methodsUrlPrefix(),
                    Locale.ENGLISH), task -> { }).http();
        }

        int send(SlackHttp http, int n) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("team_id", "T0HIKESHI");
            params.put("channel_id", "C0WARROOM");
            params.put("user_id", "U0ALICE");
            params.put("command", "/incident");
            params.put("text", "note step " + n + " done");
            params.put("trigger_id", "bench." + n);
            String body = SlackSigner.formBody(params);
            Map<String, List<String>> headers = new HashMap<>();
            headers.put("content-type", List.of("application/x-www-form-urlencoded"));
            SlackSigner.headers(SECRET, System.currentTimeMillis() / 1000, body)
                    .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.of(v)));
            return http.handle("/slack/events", headers, body, "127.0.0.1").getStatusCode();
        }

        @Override
        public void close() {
            slack.close();
            db.close();
        }
    }
}
