package io.hikeshi.bench.coldstart;

import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.bench.Summary;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Cold init of every function: a fresh JVM, on the Lambda artifact's class path, constructs the
 * handler as the runtime does and handles one real-shaped event (see {@link ColdStartLauncher});
 * beside a {@link BareHandler} that builds the same SDK clients and calls each once. DynamoDB Local
 * stands in for DynamoDB, an AWS emulator (moto) for SSM, SQS, SNS, EventBridge and Scheduler, and
 * the Slack-shaped stub for Slack. Without SnapStart; JVM start itself excluded; the functions'
 * JAVA_TOOL_OPTIONS from template.yaml (C1 only) in both. Beside them, where RIE is installed, each
 * function's Init Duration in Lambda's own java21 runtime ({@link RuntimeInit}).
 *
 * <p>Usage: {@code bin/bench cold-start [runs] [function…]} (default 5 runs, every function).
 */
public final class ColdStartBench {

    /** Each function's artifact, as template.yaml's CodeUri names it. */
    private static final io.hikeshi.lambdaruntime.SamTemplate TEMPLATE = io.hikeshi.lambdaruntime.SamTemplate.load(Path.of("template.yaml"));
    /** As template.yaml's Globals: C1-only JIT, which helps short-lived invocations. */
    private static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private ColdStartBench() { }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
             SlackApiStub slack = SlackApiStub.start();
             AwsEmulator aws = AwsEmulator.find()) {
            String table = "cold-" + UUID.randomUUID();
            IncidentTable.createIfMissing(db.client(), table);
            Map<String, String> env = new HashMap<>(Map.of(
                    "HIKESHI_TABLE", table, "HIKESHI_DYNAMODB_ENDPOINT", db.endpoint().toString(),
                    "HIKESHI_SLACK_API_URL", slack.methodsUrlPrefix(), "JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS,
                    "AWS_REGION", AwsEmulator.REGION, "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", // DynamoDB Local keeps tables per key
                    "LOG_LEVEL", "WARN"));
            if (aws != null) {
                env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
                env.putAll(aws.provision(ColdStartFunctions.SECRETS));
            }
            ColdStartFunctions functions = new ColdStartFunctions(db.client(), table, slack);
            try (RuntimeInit runtime = RuntimeInit.start(aws)) {
                report(runs, measureAll(functions.all(), only, aws != null, env, runs, slack, runtime));
            }
        }
    }

    /** {@code runtime}: the init in Lambda's runtime (RIE), NaN when not measured. */
    record Row(String function, double hikeshi, double bare, double runtime, String skipped, Path artifact) { }

    /** The artifact template.yaml deploys the function from (its CodeUri); both the function and its bare twin run on it. */
    static Path artifact(ColdStartFunctions.Function f) {
        var function = TEMPLATE.functions().stream().filter(t -> t.handler().startsWith(f.handler() + "::")).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no function with the handler " + f.handler()));
        Path code = io.hikeshi.lambdaruntime.Artifact.of(TEMPLATE, function);
        return Path.of("").toAbsolutePath().relativize(code.toAbsolutePath());
    }

    /**
     * What Lambda is given: the function's folder in .aws-sam/build zipped as {@code sam deploy} uploads it (deflated,
     * the default level), counted as it is written. A jar or zip CodeUri is its own package.
     */
    static long packageBytes(Path artifact) throws IOException {
        if (!Files.isDirectory(artifact)) {
            return Files.size(artifact);
        }
        ByteCounter counted = new ByteCounter();
        try (ZipOutputStream out = new ZipOutputStream(counted); Stream<Path> files = Files.walk(artifact)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(artifact.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return counted.bytes;
    }

    /** Counts what is written and keeps none of it. */
    private static final class ByteCounter extends java.io.OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /** The class path Lambda's Java runtime gives a package: its top folder, then every jar in its lib/. */
    static String classPath(Path artifact) {
        return Files.isDirectory(artifact) ? artifact + ":" + artifact.resolve("lib") + "/*" : artifact.toString();
    }

    /** The jars a package holds, by name, for the table. */
    static String jarsIn(Path artifact) throws IOException {
        if (!Files.isDirectory(artifact.resolve("lib"))) {
            return artifact.getFileName().toString();
        }
        try (Stream<Path> jars = Files.list(artifact.resolve("lib"))) {
            return jars.map(j -> j.getFileName().toString()).sorted().collect(java.util.stream.Collectors.joining(" "));
        }
    }

    private static List<Row> measureAll(List<ColdStartFunctions.Function> functions, List<String> only, boolean haveAws,
                                        Map<String, String> env, int runs, SlackApiStub slack, RuntimeInit runtime) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (ColdStartFunctions.Function f : functions) {
            if (!only.isEmpty() && !only.contains(f.name())) {
                continue;
            }
            if (f.needsAws() && !haveAws) {
                rows.add(new Row(f.name(), 0, 0, Double.NaN, "skipped: needs an AWS emulator (pip install \"moto[server]==5.2.5\")", null));
                continue;
            }
            System.err.printf("cold start: %s (%d runs each)…%n", f.name(), runs);
            Map<String, String> fenv = new HashMap<>(env);
            fenv.putAll(f.env());
            fenv.put(BareHandler.CLIENTS, f.bareClients());
            slack.clear();
            // Alternating, the function then its twin, run after run: a machine that slows down or speeds up
            // meanwhile (a shared host does) then weighs on both medians alike.
            // First one untimed run of each: DynamoDB Local, the emulator and the stub stand in for services that are
            // never cold, and their own first answer to each kind of call (class loading and JIT in their process)
            // would otherwise fall on the function, which makes more kinds of call than its twin.
            String twin = BareHandler.twinOf(f.handler());
            coldInit(f, f.handler(), fenv, true);
            coldInit(f, twin, fenv, true);
            List<Double> hikeshiTimes = new ArrayList<>();
            List<Double> bareTimes = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                hikeshiTimes.add(coldInit(f, f.handler(), fenv, false));
                bareTimes.add(coldInit(f, twin, fenv, false));
            }
            if (!slack.calls().isEmpty()) {
                System.err.printf("  Slack methods called: %s%n", new java.util.TreeSet<>(slack.calls().stream()
                        .map(SlackApiStub.Call::method).toList()));
            }
            double hikeshi = median(hikeshiTimes);
            double bare = median(bareTimes);
            double inRuntime = runtime == null ? Double.NaN : runtime.median(f, runs);
            rows.add(new Row(f.name(), hikeshi, bare, inRuntime, null, artifact(f)));
        }
        return rows;
    }

    private static double median(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    /** One fresh JVM: the handler built and its first event handled, in milliseconds; {@code show}: print its answer. */
    private static double coldInit(ColdStartFunctions.Function f, String handler, Map<String, String> env, boolean show)
            throws Exception {
        Path event = Files.createTempFile("hikeshi-cold-" + f.name(), ".json");
        Files.writeString(event, f.event().make());
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-cp", classPath(artifact(f)) + ":" + launcherClasses(), ColdStartLauncher.class.getName(), handler, event.toString());
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        Files.delete(event);
        String[] lines = out.split("\n");
        boolean bare = !handler.equals(f.handler());
        boolean handled = p.waitFor() == 0 && lines.length >= 2 && (bare || lines[lines.length - 2].contains(f.expect()));
        if (!handled) {
            throw new IllegalStateException(f.name() + " (" + handler + ") did not handle its event as expected ("
                    + f.expect() + "):\n" + out);
        }
        if (show) {
            String answer = lines[lines.length - 2];
            System.err.printf("  %s answered: %s%n", handler.substring(handler.lastIndexOf('.') + 1),
                    answer.length() > 160 ? answer.substring(0, 160) + "…" : answer);
        }
        return Double.parseDouble(lines[lines.length - 1].strip());
    }

    /**
     * Only the launcher and the bare handler come from the benchmark's own classes; beside them, Lambda's
     * serialization library, which Lambda's runtime (not the function) brings for handlers of its event types.
     */
    private static String launcherClasses() {
        return location(ColdStartLauncher.class) + ":" + location(
                com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers.class);
    }

    private static String location(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }

    private static void report(int runs, List<Row> rows) throws Exception {
        System.out.printf("Cold init, fresh JVM → first event handled (median of %d after one untimed run each, function and twin alternating; no SnapStart, JVM start excluded);%n", runs);
        System.out.printf("in Lambda's runtime: its Init Duration under RIE (JVM start → handler built → first /next; first event excluded)%n");
        System.out.printf("%-14s %12s %22s %8s %21s %9s  %s%n", "function", "Hikeshi", "bare, same SDK clients", "ratio",
                "in Lambda's runtime", "package", "");
        Map<Path, Long> packages = new java.util.LinkedHashMap<>(); // each package zipped once, for the table and the summary
        for (Row r : rows) {
            if (r.artifact() != null && !packages.containsKey(r.artifact())) {
                packages.put(r.artifact(), packageBytes(r.artifact()));
            }
        }
        for (Row r : rows) {
            if (r.skipped() != null) {
                System.out.printf("%-14s %s%n", r.function(), r.skipped());
                continue;
            }
            String inRuntime = Double.isNaN(r.runtime()) ? "—" : "%.0f ms".formatted(r.runtime());
            double mb = packages.get(r.artifact()) / 1e6;
            System.out.printf("%-14s %9.0f ms %19.0f ms %8.2f %21s %6.1f MB  %s%n", r.function(), r.hikeshi(), r.bare(),
                    r.hikeshi() / r.bare(), inRuntime, mb, jarsIn(r.artifact()));
            Summary.add("cold init " + r.function(), "%.0f ms vs %.0f ms bare (×%.2f)".formatted(r.hikeshi(), r.bare(),
                    r.hikeshi() / r.bare()), "bin/bench cold-start " + runs + " " + r.function());
            if (!Double.isNaN(r.runtime())) {
                Summary.add("init in Lambda's runtime " + r.function(), inRuntime, "bin/bench cold-start " + runs + " " + r.function());
            }
        }
        for (Map.Entry<Path, Long> p : packages.entrySet()) {
            Summary.add("Lambda package " + p.getKey().getFileName(), "%.1f MB (%s)".formatted(p.getValue() / 1e6,
                    jarsIn(p.getKey())), "bin/bench cold-start");
        }
    }
}
