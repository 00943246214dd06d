package io.hikeshi.handlers.slack.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.aws.ssm.SsmSecrets;
import io.hikeshi.core.testkit.MovableClock;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.SnapStartSecrets;
import io.hikeshi.handlers.slack.SlackHandler;
import io.hikeshi.handlers.web.WebHandler;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.wiring.WebWiring;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.slackstub.SlackSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The Slack endpoint and the web page wired as in AWS ({@link SlackWiring#boltOver}, {@link WebWiring#over}): secrets
 * from a Parameter Store held in memory behind the production cache ({@link SsmSecrets} under {@link SnapStartSecrets}),
 * the core on DynamoDB Local, Slack's Web API the strict stub. Everything that compares times runs on one
 * {@link MovableClock} starting at {@link #START}; requests are signed at that clock's time unless a test says otherwise.
 */
final class DeliveryRig implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-24T03:12:45Z");
    static final String SIGNING_SECRET = "/hikeshi/slack/signing-secret";
    static final String BOT_TOKEN = "/hikeshi/slack/bot-token";
    static final String WEB_KEY = "/hikeshi/web/signing-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    final MovableClock clock = new MovableClock(START);
    final ParameterStore ssm = new ParameterStore();
    final SnapStartSecrets secrets = SnapStartSecrets.register(new SsmSecrets(ssm, clock));
    final SlackApiStub slack = SlackApiStub.start(); // strict: the default
    /** The tasks the listeners handed on, in order. */
    final List<String> queued = new CopyOnWriteArrayList<>();
    /** How many of the next task submissions fail (a queue that is down). */
    final AtomicInteger failingSubmissions = new AtomicInteger();
    final Composition core;
    final SlackWiring wiring;
    final SlackHandler slackHandler;
    final WebHandler webHandler;

    DeliveryRig() {
        ssm.put(SIGNING_SECRET, "first-signing-secret");
        ssm.put(BOT_TOKEN, "xoxb-first");
        ssm.put(WEB_KEY, "first-web-key-0123456789");
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "delivery-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        Map<String, String> env = new LinkedHashMap<>();
        env.put(Settings.TABLE, table);
        env.put(Settings.LOCALE, "en");
        env.put(Settings.SIGNING_SECRET_PARAM, SIGNING_SECRET);
        env.put(Settings.BOT_TOKEN_PARAM, BOT_TOKEN);
        env.put(Settings.WEB_KEY_PARAM, WEB_KEY);
        env.put(Settings.SLACK_API_URL, slack.methodsUrlPrefix());
        core = Composition.fromSettings(env, dynamo, secrets, clock);
        wiring = SlackWiring.boltOver(core, core.settings(), task -> {
            if (failingSubmissions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the task queue is down");
            }
            queued.add(task);
        }, () -> "https://hikeshi.example.jp");
        slackHandler = new SlackHandler(wiring);
        webHandler = new WebHandler(WebWiring.over(core));
    }

    // ---- Slack's side ----

    /** Signed with {@code secret} at {@code at}, as Slack signs; {@code extra} headers added (e.g. X-Slack-Retry-Num). */
    JsonNode sendSigned(String secret, Instant at, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(SlackSigner.headers(secret, at.getEpochSecond(), body));
        headers.putAll(extra);
        return send(body, contentTypeOf(body), headers);
    }

    /** Signed now with the signing secret Slack has now. */
    JsonNode sendSigned(String body) {
        return sendSigned(ssm.get(SIGNING_SECRET), clock.instant(), body, Map.of());
    }

    /** {@code /incident <text>} typed by Alice in #general, form-encoded as Slack posts it. */
    static String command(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("team_id", "T0HIKESHI");
        params.put("channel_id", "C0GENERAL");
        params.put("user_id", "U0ALICE");
        params.put("command", "/incident");
        params.put("text", text);
        params.put("api_app_id", "A0HIKESHI");
        params.put("response_url", "https://hooks.slack.com/commands/T0HIKESHI/1/x");
        params.put("trigger_id", "1.2.3");
        return SlackSigner.formBody(params);
    }

    static String contentTypeOf(String body) {
        return body.trim().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
    }

    /** A payload 2.0 event as API Gateway hands it to the Slack function. */
    JsonNode send(String body, String contentType, Map<String, String> headers) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("rawPath", "/slack/events");
        ObjectNode h = event.putObject("headers");
        if (contentType != null) {
            h.put("content-type", contentType);
        }
        headers.forEach((name, value) -> h.put(name.toLowerCase(Locale.ROOT), value));
        event.putObject("requestContext").putObject("http").put("sourceIp", "192.0.2.10");
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return invoke(slackHandler::handleRequest, event);
    }

    /** GET {@code path} on the web page, signing in with a link's {@code token}. */
    JsonNode openLink(String path, String token) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("rawPath", path);
        event.put("rawQueryString", "token=" + token);
        event.putObject("queryStringParameters").put("token", token);
        event.putObject("headers");
        event.putObject("requestContext").putObject("http").put("method", "GET").put("path", path).put("sourceIp", "192.0.2.10");
        event.put("isBase64Encoded", false);
        return invoke(webHandler::handleRequest, event);
    }

    private interface Lambda {
        void handleRequest(java.io.InputStream in, java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context context)
                throws IOException;
    }

    private static JsonNode invoke(Lambda handler, ObjectNode event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the tasks the listeners handed on, as the task function would. */
    void runQueuedTasks() {
        List<String> tasks = List.copyOf(queued);
        queued.clear();
        for (String task : tasks) {
            try {
                wiring.taskRunner().run(io.hikeshi.slack.task.SlackTask.fromJson(task));
            } catch (Exception e) {
                throw new IllegalStateException("task failed: " + task, e);
            }
        }
    }

    // ---- what happened ----

    /** The Slack adapter's log lines written while {@code action} ran (its logger writes JSON lines on stdout). */
    static List<JsonNode> logLinesDuring(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Override
    public void close() {
        slack.close();
    }

    /** Parameter Store in memory: what {@link SsmSecrets} reads, decrypted; each read counted. */
    static final class ParameterStore implements SsmClient {
        private final Map<String, String> values = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

        void put(String name, String value) {
            values.put(name, value);
        }

        String get(String name) {
            return values.get(name);
        }

        /** How many times the function asked for {@code name}. */
        int reads(String name) {
            return reads.getOrDefault(name, new AtomicInteger()).get();
        }

        @Override
        public GetParameterResponse getParameter(GetParameterRequest request) {
            reads.computeIfAbsent(request.name(), n -> new AtomicInteger()).incrementAndGet();
            String value = values.get(request.name());
            if (value == null || !Boolean.TRUE.equals(request.withDecryption())) {
                throw software.amazon.awssdk.services.ssm.model.ParameterNotFoundException.builder().message(request.name()).build();
            }
            return GetParameterResponse.builder().parameter(Parameter.builder().name(request.name()).value(value).build()).build();
        }

        @Override
        public String serviceName() {
            return "ssm";
        }

        @Override
        public void close() { }
    }
}
