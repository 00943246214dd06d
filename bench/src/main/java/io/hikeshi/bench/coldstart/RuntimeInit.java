package io.hikeshi.bench.coldstart;

import io.hikeshi.lambdaruntime.Artifact;
import io.hikeshi.lambdaruntime.LambdaRuntime;
import io.hikeshi.lambdaruntime.LocalCloud;
import io.hikeshi.lambdaruntime.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The same functions' init in Lambda's own java21 runtime, as bin/lambda-invoke runs them: the template's
 * function (found by its handler class) from its artifact, in AWS's runtime interface client under the
 * Runtime Interface Emulator, a fresh environment per run. The figure is Lambda's Init Duration (RIE's
 * INIT REPORT): JVM start, the runtime client, the handler's construction, up to its first request for
 * an event; the first event itself is not in it (it is in the in-process figure, JVM start is not).
 *
 * <p>Needs RIE ({@code -Dhikeshi.rie=PATH}, which bin/bench passes when it could install it).
 */
final class RuntimeInit implements AutoCloseable {

    static final String RIE_PROPERTY = "hikeshi.rie";

    private final SamTemplate template;
    private final LocalCloud cloud;
    private final ColdStartFunctions seeded;
    private final Path rie;
    private final Path taskRoots;
    private final Map<Path, Path> unpacked = new HashMap<>();

    private RuntimeInit(SamTemplate template, LocalCloud cloud, Path rie) throws Exception {
        this.template = template;
        this.cloud = cloud;
        this.rie = rie;
        // Fresh data per run, seeded in the runtime's own table (a DynamoDB Local of its own).
        this.seeded = new ColdStartFunctions(cloud.dynamo(), cloud.ref("IncidentsTable"), cloud.slack());
        this.taskRoots = Files.createTempDirectory("hikeshi-bench-task-");
    }

    /** Null, with the reason on stderr, when RIE is not there. */
    static RuntimeInit start(AwsEmulator aws) throws Exception {
        String rie = System.getProperty(RIE_PROPERTY);
        if (rie == null || !Files.isExecutable(Path.of(rie))) {
            System.err.println("no Lambda Runtime Interface Emulator (-D" + RIE_PROPERTY + "): the init in Lambda's runtime is not measured");
            return null;
        }
        SamTemplate template = SamTemplate.load(Path.of("template.yaml"));
        // The secrets the benchmark's own events are signed with, so both measurements read the same values.
        Map<String, String> secrets = Map.of("signing-secret", ColdStartFunctions.SIGNING_SECRET, "bot-token", "xoxb-bench",
                "signing-key", ColdStartFunctions.WEB_KEY, "*", "local-secret");
        LocalCloud cloud = LocalCloud.start(template, Map.of(), aws == null ? null : aws.endpoint(), null, secrets);
        try {
            return new RuntimeInit(template, cloud, Path.of(rie));
        } catch (Exception e) {
            cloud.close();
            throw e;
        }
    }

    /** The median init over {@code runs} fresh environments of the function whose handler class is {@code f.handler()}. */
    double median(ColdStartFunctions.Function f, int runs) throws Exception {
        SamTemplate.Function function = template.functions().stream()
                .filter(t -> t.handler().startsWith(f.handler() + "::")).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no function with the handler " + f.handler()));
        Path code = Artifact.of(template, function);
        Path taskRoot = unpacked.computeIfAbsent(code, c -> Artifact.unpack(c, taskRoots.resolve(function.logicalId())));
        Map<String, String> env = cloud.environment(function);
        ColdStartFunctions.Function own = seeded.all().stream().filter(g -> g.name().equals(f.name())).findFirst().orElseThrow();
        List<Double> inits = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            byte[] event = own.event().make().getBytes(StandardCharsets.UTF_8);
            try (LambdaRuntime runtime = LambdaRuntime.start(function, taskRoot, env,
                    new LambdaRuntime.Options(rie, Path.of(System.getProperty("java.home")), line -> { }))) {
                LambdaRuntime.Invocation answer = runtime.invoke(event);
                if (answer.functionError() || !answer.response().contains(f.expect())) {
                    throw new IllegalStateException(function.logicalId() + " in Lambda's runtime did not handle its event as expected ("
                            + f.expect() + "): " + answer.response() + "\n" + runtime.lastLines());
                }
                inits.add(runtime.initMillis());
            }
        }
        inits.sort(Double::compare);
        return inits.get(inits.size() / 2);
    }

    @Override
    public void close() {
        cloud.close();
        io.hikeshi.lambdaruntime.Artifact.deleteQuietly(taskRoots);
    }
}
