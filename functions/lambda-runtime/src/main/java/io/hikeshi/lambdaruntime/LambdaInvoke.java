package io.hikeshi.lambdaruntime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bin/lambda-invoke FUNCTION EVENT_FILE…}: runs a function of template.yaml from its built
 * artifact in Lambda's java21 runtime (RIC under RIE), sends the events in order to one warm
 * environment, prints one response per line and then the environment's init duration. Its options are
 * described in bin/lambda-invoke; the script builds this module, installs RIE and the Python tools, then
 * runs this with {@code --rie} and {@code --python} (for the AWS emulator, started here unless
 * {@code HIKESHI_EMULATOR_ENDPOINT} names one).
 */
public final class LambdaInvoke {

    /** The responses and the init figure go here, and only they; what libraries print goes to the log. */
    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private LambdaInvoke() { }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (RuntimeException e) {
            ERR.println("bin/lambda-invoke: " + e.getMessage());
            status = 1;
        }
        OUT.flush();
        System.exit(status);
    }

    private static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    static int run(String[] args) {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        Path template = Path.of("template.yaml");
        Path dataDir = null;
        Path rie = null;
        Path python = null;
        boolean asIs = false;
        boolean logs = false;
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    OUT.println("bin/lambda-invoke --help says how to use it");
                    return 0;
                }
                case "--param" -> {
                    String pair = value(args, ++i, arg);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new Usage("--param wants NAME=VALUE, not " + pair);
                    }
                    params.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--template" -> template = Path.of(value(args, ++i, arg));
                case "--rie" -> rie = Path.of(value(args, ++i, arg));
                case "--python" -> python = Path.of(value(args, ++i, arg));
                case "--as-is" -> asIs = true;
                case "--logs" -> logs = true;
                case "--list" -> list = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new Usage("unknown option " + arg + " (bin/lambda-invoke --help)");
                    }
                    positional.add(arg);
                }
            }
        }
        SamTemplate sam = SamTemplate.load(template);
        if (list) {
            sam.functions().forEach(f -> OUT.println(f.logicalId() + "  " + f.handler() + "  " + f.codeUri()));
            return 0;
        }
        if (positional.size() < 2) {
            throw new Usage("give a function and at least one event file (bin/lambda-invoke --help)");
        }
        String id = positional.get(0);
        SamTemplate.Function function = sam.function(id).orElseThrow(() -> new Usage("template.yaml has no function "
                + id + "; its functions: " + sam.functions().stream().map(SamTemplate.Function::logicalId)
                .collect(Collectors.joining(", "))));
        if (function.runtime() == null || !function.runtime().startsWith("java")) {
            throw new Usage(id + " runs on " + function.runtime() + "; only Java runtimes run here");
        }
        List<byte[]> events = new ArrayList<>();
        for (String file : positional.subList(1, positional.size())) {
            try {
                events.add(Files.readAllBytes(Path.of(file)));
            } catch (IOException e) {
                throw new Usage("cannot read the event file " + file);
            }
        }
        Path artifact = Artifact.of(sam, function);
        if (rie == null) {
            rie = sam.directory().resolve(".tools/bin/aws-lambda-rie");
        }
        if (!Files.isExecutable(rie)) {
            throw new Usage("the Lambda Runtime Interface Emulator is not at " + rie + " (bin/lambda-invoke installs it)");
        }
        Path javaHome = Path.of(System.getProperty("java.home"));
        return invoke(sam, function, artifact, events, params, dataDir, rie, javaHome, python, asIs, logs);
    }

    private static int invoke(SamTemplate sam, SamTemplate.Function function, Path artifact, List<byte[]> events,
                              Map<String, String> params, Path dataDir, Path rie, Path javaHome, Path python,
                              boolean asIs, boolean logs) {
        Path logFile = sam.directory().resolve(".tools/lambda-invoke/" + function.logicalId() + ".log");
        PrintWriter log = openLog(logFile);
        java.util.function.Consumer<String> output = line -> {
            log.println(line);
            log.flush();
            if (logs) {
                ERR.println(line);
            }
        };
        // DynamoDB Local prints its settings to System.out, the SDK's SLF4J its missing binding: into the log.
        PrintStream library = new PrintStream(new Lines(output), true, StandardCharsets.UTF_8);
        System.setOut(library);
        System.setErr(library);
        Closer open = new Closer();
        open.add(log::close);
        Runnable closeAll = open::close;
        // Ctrl-C or a kill: RIE and the runtime's JVM are stopped, not left behind.
        Thread hook = new Thread(closeAll, "lambda-invoke-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int status = 0;
        try {
            URI awsEndpoint = awsEmulator(sam, python, open, output);
            LocalCloud cloud = LocalCloud.start(sam, params, awsEndpoint, dataDir, LocalCloud.localSecrets());
            open.add(cloud);
            cloud.onSlackCall(call -> output.accept("slack ▸ " + call.method() + " " + abbreviate(call.params().toString())));
            Map<String, String> env = cloud.environment(function);
            Path taskDir = Files.createTempDirectory("hikeshi-task-" + function.logicalId() + "-");
            open.add(() -> LambdaRuntime.deleteRecursively(taskDir));
            Path taskRoot = Artifact.unpack(artifact, taskDir);
            LambdaRuntime runtime = LambdaRuntime.start(function, taskRoot, env,
                    new LambdaRuntime.Options(rie, javaHome, output, open::add));
            String signingSecret = cloud.secretValue(env.getOrDefault("HIKESHI_SLACK_SIGNING_SECRET_PARAM", "/slack/signing-secret"));
            for (byte[] event : events) {
                byte[] sent = asIs ? event : SlackSigning.signNow(event, signingSecret, Instant.now().getEpochSecond());
                LambdaRuntime.Invocation invocation = runtime.invoke(sent);
                OUT.println(invocation.response());
                OUT.flush();
                if (invocation.functionError()) {
                    status = 2;
                }
            }
            OUT.printf("init: %.0f ms%n", runtime.initMillis());
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "\n(the whole log: " + logFile + ")", e);
        } finally {
            closeAll.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }

    /** The emulator HIKESHI_EMULATOR_ENDPOINT names, else one started here (with the project's Python), else none. */
    private static URI awsEmulator(SamTemplate sam, Path python, Closer open,
                                   java.util.function.Consumer<String> output) {
        String given = System.getenv("HIKESHI_EMULATOR_ENDPOINT");
        if (given != null && !given.isBlank()) {
            return URI.create(given);
        }
        if (python == null) {
            ERR.println("bin/lambda-invoke: no AWS emulator (no Python tools): a function that uses SSM, SQS, SNS,"
                    + " EventBridge or Scheduler will fail");
            return null;
        }
        Path log = sam.directory().resolve(".tools/lambda-invoke/aws-emulator.log");
        return AwsEmulatorProcess.start(python, sam.directory().resolve("bin/lib/aws_emulator.py"), log, open::add).endpoint();
    }

    /** An output stream that hands on whole lines. */
    private static final class Lines extends OutputStream {
        private final java.util.function.Consumer<String> sink;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                sink.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private static PrintWriter openLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new Usage(option + " wants a value");
        }
        return args[i];
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
