package io.hikeshi.lambdaruntime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One warm execution environment of a function, as Lambda's java21 runtime makes it: the Lambda
 * Runtime Interface Emulator (RIE) runs the runtime's bootstrap, which starts a JVM with the runtime's
 * flags and AWS's runtime interface client (RIC) on its class path; the RIC loads the template's
 * handler from the task root (the function's artifact, unpacked as Lambda unpacks it into /var/task)
 * and then takes events from RIE's runtime API, one at a time, in this one JVM.
 *
 * <p>Ports: RIE binds its invoke endpoint and its runtime API on loopback port 0 itself; the ports it
 * got are read back (its log names the runtime API's; the invoke endpoint is its other listening
 * socket, found in /proc). Nothing picks a free port and hands it over.
 *
 * <p>RIE (this version) formats the runtime API address it gives the runtime before it binds, so with
 * port 0 the runtime would be told {@code 127.0.0.1:0}; the bootstrap therefore reads the address from
 * a file written once RIE has bound it, which is before the first invoke starts the runtime (RIE starts
 * it lazily).
 *
 * <p>Init: RIE's REPORT line says {@code Init Duration: 0.03 ms} because RIE only times starting the
 * init, which runs asynchronously; the figure Lambda reports (runtime start to its first request for an
 * event) is what RIE logs as {@code INIT REPORT(durationMs: …)}, and that is what {@link #initMillis()} returns.
 */
public final class LambdaRuntime implements AutoCloseable {

    /** The response of one invoke: the function's JSON, or Lambda's error object when it failed. */
    public record Invocation(String response, boolean functionError) { }

    /** Where the RIE binary and the JVM are, and where the environment's output goes. */
    /**
     * @param started told of the environment as soon as its processes exist, before it is ready, so that
     *                they are stopped (by whoever keeps it) even if starting is interrupted
     */
    public record Options(Path rie, Path javaHome, Consumer<String> output, Consumer<LambdaRuntime> started) {
        public Options {
            output = output == null ? line -> { } : output;
            started = started == null ? runtime -> { } : started;
        }

        public Options(Path rie, Path javaHome, Consumer<String> output) {
            this(rie, javaHome, output, null);
        }
    }

    private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final Pattern RUNTIME_API_PORT = Pattern.compile("dynamically allocated port=\\D*(\\d+)");
    private static final Pattern INIT_REPORT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    private static final Pattern INIT_DONE = Pattern.compile("INIT RTDONE\\(status: (\\w+)\\)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SamTemplate.Function function;
    private final Process rie;
    private final Path runDir;
    private final Thread reader;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch runtimeApiSeen = new CountDownLatch(1);
    private final CountDownLatch initReported = new CountDownLatch(1);
    private final Deque<String> lastLines = new ArrayDeque<>();
    private volatile int runtimeApiPort;
    private volatile Double initMillis;
    private volatile String initStatus;
    private int invokePort;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LambdaRuntime(SamTemplate.Function function, Process rie, Path runDir, Consumer<String> output) {
        this.function = function;
        this.rie = rie;
        this.runDir = runDir;
        this.reader = Thread.ofPlatform().daemon().name("rie-output").start(() -> read(rie.getInputStream(), output));
    }

    /**
     * Starts RIE for the function (the runtime itself starts with the first invoke, as in Lambda).
     *
     * @param taskRoot the function's code, unpacked ({@link Artifact#unpack})
     * @param env      the function's environment ({@link LocalCloud#environment})
     */
    public static LambdaRuntime start(SamTemplate.Function function, Path taskRoot, Map<String, String> env, Options options) {
        if (!Files.isExecutable(options.rie())) {
            throw new IllegalStateException("the Lambda Runtime Interface Emulator is not at " + options.rie()
                    + " (bin/lambda-invoke installs it: go install github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@VERSION)");
        }
        Path runDir;
        try {
            runDir = Files.createTempDirectory("hikeshi-lambda-" + function.logicalId() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process;
        try {
            Path bootstrap = writeBootstrap(runDir, options.javaHome(), function.memorySize());
            ProcessBuilder pb = new ProcessBuilder(options.rie().toString(),
                    // LOG_LEVEL (the function's own setting, which RIE also reads) must not hide INIT REPORT.
                    "--log-level", "info",
                    "--runtime-api-address", "127.0.0.1:0",
                    "--runtime-interface-emulator-address", "127.0.0.1:0",
                    bootstrap.toString(), function.handler())
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true);
            // RIE hands its whole environment to the function: give it exactly the function's.
            pb.environment().clear();
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            deleteRecursively(runDir);
            throw new IllegalStateException("cannot start " + options.rie() + ": " + e.getMessage(), e);
        }
        LambdaRuntime runtime = new LambdaRuntime(function, process, runDir, options.output());
        options.started().accept(runtime);
        try {
            runtime.awaitPorts();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** Sends one event to the function and waits for its response (the first also waits for the init). */
    public Invocation invoke(byte[] event) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + invokePort
                        + "/2015-03-31/functions/function/invocations"))
                .timeout(Duration.ofSeconds(function.timeout()).plus(START_TIMEOUT).plus(START_TIMEOUT))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure("the invoke failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while invoking");
        }
        if ("error".equals(initStatus)) {
            throw failure("the function's init failed (status " + response.statusCode() + ")");
        }
        if (response.statusCode() / 100 != 2) {
            throw failure("RIE answered " + response.statusCode() + ": " + response.body());
        }
        return invocation(response.body());
    }

    /** Lambda's Init Duration for this environment, in ms (after the first invoke). */
    public double initMillis() {
        try {
            if (!initReported.await(5, TimeUnit.SECONDS)) {
                throw failure("RIE reported no init duration");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        }
        return initMillis;
    }

    /** The last lines RIE and the runtime wrote (for error messages). */
    public synchronized String lastLines() {
        return String.join("\n", lastLines);
    }

    /** Stops the runtime's JVM and RIE, and removes the run's files. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ProcessHandle handle = rie.toHandle();
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(0, handle);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(runDir);
    }

    // ---- the JVM as the java21 runtime starts it ----

    /**
     * The runtime's JVM flags. Lambda's java17 and java21 runtimes stop tiered compilation at level 1 and
     * use the serial collector (AWS Lambda Developer Guide, "Customize Java runtime startup behavior for
     * Lambda functions": https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html); the rest
     * is the command line the managed Java runtime runs, as captured from inside a function
     * (github.com/sigpwned/the-lambda-iceberg-dissecting-the-official-java-runtimes, data/17/1024.txt:
     * {@code -XX:MaxHeapSize=891289k} at 1024 MB, i.e. 85% of the memory size).
     * Not mirrored: {@code -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa} (Lambda's own
     * class-data archive; the local JDK's default archive stands in) and the Log4Shell hot-patch agent.
     */
    static List<String> jvmFlags(int memorySizeMb, Path jniLibrary) {
        return List.of(
                "-XX:MaxHeapSize=" + (memorySizeMb * 1024L * 85 / 100) + "k",
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-XX:+ErrorFileToStderr",
                "-D" + JNI_PROPERTY + "=" + jniLibrary);
    }

    private static Path writeBootstrap(Path runDir, Path javaHome, int memorySizeMb) throws IOException {
        Path jni = extractJni(runDir);
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(jvmFlags(memorySizeMb, jni));
        command.add("-classpath");
        command.add(runtimeClasspath().stream().map(Path::toString).collect(Collectors.joining(":")));
        command.add(MAIN);
        String script = """
                #!/bin/sh
                # The runtime's bootstrap, as Lambda's java21 runtime has one: the JVM with the runtime's flags and
                # AWS's runtime interface client, which loads "$_HANDLER" from the working directory (the task root).
                # RIE told the runtime 127.0.0.1:0 (it formats the address before binding port 0): the address it
                # really bound was written to runtime-api before the first invoke started this.
                AWS_LAMBDA_RUNTIME_API="$(cat %s)"
                export AWS_LAMBDA_RUNTIME_API
                exec %s "$_HANDLER"
                """.formatted(quote(runDir.resolve("runtime-api").toString()),
                command.stream().map(LambdaRuntime::quote).collect(Collectors.joining(" ")));
        Path bootstrap = runDir.resolve("bootstrap");
        Files.writeString(bootstrap, script);
        Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwx------"));
        return bootstrap;
    }

    /**
     * The RIC and the Lambda libraries it runs with, as the java21 runtime puts them on the system class
     * path (/var/runtime/lib) beside, not inside, the function's code. They are this module's own
     * dependencies; each jar is found by a class it holds.
     */
    static List<Path> runtimeClasspath() {
        return Stream.of(MAIN,
                        "com.amazonaws.services.lambda.runtime.Context",
                        "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                        "software.amazon.awssdk.utilslite.SdkInternalThreadLocal",
                        "software.amazon.awssdk.annotations.SdkProtectedApi")
                .map(LambdaRuntime::jarOf).distinct().toList();
    }

    private static Path jarOf(String className) {
        URL url = LambdaRuntime.class.getClassLoader().getResource(className.replace('.', '/') + ".class");
        if (url == null || !url.getProtocol().equals("jar")) {
            throw new IllegalStateException(className + " is not on the class path: the runtime interface client "
                    + "(com.amazonaws:aws-lambda-java-runtime-interface-client) or one of its libraries is missing");
        }
        String path = url.getPath();
        return Path.of(URI.create(path.substring(0, path.indexOf("!/"))));
    }

    /**
     * The RIC's JNI library for this machine, from inside its jar. Given to the JVM by path, as the
     * java21 runtime does (/var/runtime/lib/jni/…): left to itself the RIC unpacks it to one fixed file,
     * /tmp/.libaws-lambda-jni.so, which two runtimes starting at once would write over each other.
     */
    private static Path extractJni(Path runDir) throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the runtime interface client has no JNI library for "
                    + System.getProperty("os.arch"));
        };
        String name = "libaws-lambda-jni.linux-" + arch + ".so";
        Path target = runDir.resolve(name);
        try (InputStream in = LambdaRuntime.class.getClassLoader().getResourceAsStream("jni/" + name)) {
            if (in == null) {
                throw new IllegalStateException("jni/" + name + " is not in the runtime interface client's jar");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    // ---- RIE's ports and output ----

    private void awaitPorts() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (!runtimeApiSeen.await(50, TimeUnit.MILLISECONDS)) {
                if (!rie.isAlive() || System.nanoTime() > deadline) {
                    throw failure("RIE did not start its runtime API");
                }
            }
            while (true) {
                Set<Integer> ports = ListeningPorts.of(rie.pid());
                ports.remove(runtimeApiPort);
                if (ports.size() == 1) {
                    invokePort = ports.iterator().next();
                    break;
                }
                if (!rie.isAlive() || System.nanoTime() > deadline) {
                    throw failure("RIE did not open its invoke endpoint (listening on " + ports + ")");
                }
                Thread.sleep(20);
            }
            Files.writeString(runDir.resolve("runtime-api"), "127.0.0.1:" + runtimeApiPort);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while RIE started");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(InputStream output, Consumer<String> sink) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                remember(line);
                sink.accept(line);
                Matcher port = RUNTIME_API_PORT.matcher(line);
                if (runtimeApiPort == 0 && port.find()) {
                    runtimeApiPort = Integer.parseInt(port.group(1));
                    runtimeApiSeen.countDown();
                }
                Matcher done = INIT_DONE.matcher(line);
                if (initStatus == null && done.find()) {
                    initStatus = done.group(1);
                }
                Matcher init = INIT_REPORT.matcher(line);
                if (initMillis == null && init.find()) { // the first: a later one is a re-init after a failure
                    initMillis = Double.parseDouble(init.group(1));
                    initReported.countDown();
                }
            }
        } catch (IOException e) {
            // RIE has gone
        }
    }

    private synchronized void remember(String line) {
        lastLines.addLast(line);
        if (lastLines.size() > 40) {
            lastLines.removeFirst();
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(function.logicalId() + ": " + what + "; RIE and the runtime said:\n" + lastLines());
    }

    /** Lambda's error object ({@code errorType}, {@code errorMessage}) marks a function error; its stack trace is left out. */
    static Invocation invocation(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject() && json.has("errorMessage") && json.has("errorType")) {
                ObjectNode error = JSON.createObjectNode();
                error.set("errorType", json.get("errorType"));
                error.set("errorMessage", json.get("errorMessage"));
                return new Invocation(JSON.writeValueAsString(error), true);
            }
            return new Invocation(json == null ? "" : JSON.writeValueAsString(json), false);
        } catch (IOException notJson) {
            return new Invocation(body.replace('\n', ' '), false);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
