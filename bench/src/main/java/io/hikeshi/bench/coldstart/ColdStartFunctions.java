package io.hikeshi.bench.coldstart;

import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.web.WebHandler;
import io.hikeshi.handlers.slack.DigestHandler;
import io.hikeshi.handlers.slack.ReminderHandler;
import io.hikeshi.handlers.slack.WarRoomHandler;
import io.hikeshi.handlers.slack.SlackTaskHandler;
import io.hikeshi.handlers.slack.SlackHandler;
import io.hikeshi.handlers.events.PostmortemHandler;
import io.hikeshi.handlers.events.OutboxRelayHandler;
import io.hikeshi.handlers.alerts.WebhookHandler;
import io.hikeshi.handlers.alerts.AlarmIngestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.bench.NoReminders;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.slackstub.SlackSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ten functions of template.yaml as the cold-start benchmark runs them: handler, the SDK clients
 * its bare twin builds, its environment, and a first event that makes it do its real work (a new
 * incident, a signed Slack command, a resolved incident …). Each run gets fresh data, seeded here
 * in the parent, so no run finds the previous one's work already done.
 */
final class ColdStartFunctions {

    static final String SIGNING_SECRET = "bench-signing-secret";
    static final String WEB_KEY = "bench-web-signing-key-0123456789abcdef";
    static final Map<String, String> SECRETS = Map.of(
            "/hikeshi/slack/signing-secret", SIGNING_SECRET,
            "/hikeshi/slack/bot-token", "xoxb-bench",
            "/hikeshi/web/signing-key", WEB_KEY,
            "/hikeshi/integrations/alertmanager", "local-secret");

    interface EventMaker {
        String make() throws Exception;
    }

    record Function(String name, String handler, String bareClients, Map<String, String> env, EventMaker event,
                    String expect, boolean needsAws) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Composition seed;
    /** The Slack the functions call: a war room seeded here must be a channel there too, or Slack says channel_not_found. */
    private final SlackApiStub slack;
    private final AtomicInteger run = new AtomicInteger();

    ColdStartFunctions(DynamoDbClient dynamo, String table, SlackApiStub slack) {
        this.seed = Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo, reference -> "unused", NoReminders.INSTANCE);
        this.slack = slack;
    }

    List<Function> all() {
        String handlers = "io.hikeshi.handlers.";
        String alerts = handlers + "alerts.", events = handlers + "events.", slackGroup = handlers + "slack.", web = handlers + "web.";
        Map<String, String> reminders = Map.of("HIKESHI_REMINDER_TARGET_ARN",
                "arn:aws:lambda:ap-northeast-1:123456789012:function:hikeshi-reminder",
                "HIKESHI_REMINDER_ROLE_ARN", "arn:aws:iam::123456789012:role/hikeshi-scheduler",
                "HIKESHI_REMINDER_DLQ_ARN", "arn:aws:sqs:ap-northeast-1:123456789012:hikeshi-reminder-dlq");
        Map<String, String> slack = Map.of("HIKESHI_LOCALE", "ja", "HIKESHI_BROADCAST_CHANNEL", "C0INCIDENTS");
        return List.of(
                new Function("alarm-ingest", alerts + "AlarmIngestHandler", "dynamodb", Map.of(),
                        this::alarm, "\"incident\"", false),
                new Function("webhook", alerts + "WebhookHandler", "dynamodb,ssm",
                        Map.of("HIKESHI_INTEGRATIONS", "infrastructure/config/integrations.json"),
                        this::webhook, "\"statusCode\":202", true),
                new Function("slack", slackGroup + "SlackHandler", "dynamodb,ssm,sqs,scheduler,slack",
                        merge(slack, Map.of("HIKESHI_WEB_KEY_PARAM", "/hikeshi/web/signing-key"), reminders),
                        this::slackCommand, "\"statusCode\":200", true),
                new Function("slack-task", slackGroup + "SlackTaskHandler", "dynamodb,ssm,sqs,slack", slack,
                        this::slackTask, "\"batchItemFailures\":[]", true),
                new Function("outbox-relay", events + "OutboxRelayHandler", "eventbridge", Map.of(),
                        () -> Files.readString(Path.of("events/dynamodb-stream-outbox.json")), "\"relayed\":1", true),
                // as deployed, the war-room function also sets the update cadence's nudges (Scheduler)
                new Function("war-room", slackGroup + "WarRoomHandler", "dynamodb,ssm,sns,slack,scheduler", merge(slack, reminders),
                        this::incidentOpened, "", true),
                new Function("postmortem", events + "PostmortemHandler", "dynamodb,scheduler", reminders,
                        this::incidentResolved, "\"due\"", true),
                new Function("reminder", slackGroup + "ReminderHandler", "dynamodb,ssm,slack", slack,
                        this::reminderDue, "\"spokeTo\":[\"", true),
                new Function("digest", slackGroup + "DigestHandler", "dynamodb,ssm,slack", slack,
                        () -> "{\"source\":\"aws.scheduler\",\"detail\":{}}", "\"digest\"", true),
                new Function("web", web + "WebHandler", "dynamodb,ssm",
                        Map.of("HIKESHI_WEB_KEY_PARAM", "/hikeshi/web/signing-key"), this::webPage, "\"statusCode\":200", true));
    }

    @SafeVarargs
    private static Map<String, String> merge(Map<String, String>... maps) {
        Map<String, String> all = new java.util.HashMap<>();
        for (Map<String, String> m : maps) {
            all.putAll(m);
        }
        return all;
    }

    /** A new alarm each run: the first event opens a new incident. */
    private String alarm() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events", "alarm-metric-alarm.json")));
        String name = "cold-start-alarm-" + run.incrementAndGet() + "-" + UUID.randomUUID();
        event.put("id", UUID.randomUUID().toString());
        event.putArray("resources").add("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:" + name);
        ((ObjectNode) event.path("detail")).put("alarmName", name);
        return JSON.writeValueAsString(event);
    }

    /** The HTTP API's Alertmanager delivery with a new group each run, so it opens a new incident. */
    private String webhook() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events", "apigw-webhook-alertmanager.json")));
        event.put("body", event.path("body").asText().replace("PaymentApiHighErrorRate",
                "PaymentApiHighErrorRate" + run.incrementAndGet() + UUID.randomUUID()));
        return JSON.writeValueAsString(event);
    }

    /** {@code /incident declare} signed like Slack, now: Bolt checks it, the form opens (views.open). */
    private String slackCommand() throws Exception {
        String body = Files.readString(Path.of("events", "slack-command-incident-declare.txt")).strip()
                + "&bench_run=" + run.incrementAndGet();
        Map<String, String> headers = new java.util.HashMap<>(SlackSigner.headers(SIGNING_SECRET,
                Instant.now().getEpochSecond(), body));
        headers.put("content-type", "application/x-www-form-urlencoded");
        return httpApi("POST", "/slack/events", headers, List.of(), body);
    }

    /** An SQS batch of one task: announce a new incident in the broadcast channel (card + text). */
    private String slackTask() throws Exception {
        Incident incident = declared();
        String task = JSON.writeValueAsString(Map.of("kind", "ANNOUNCE", "channel", "C0INCIDENTS",
                "incident", incident.id().toString(), "text", "cold start"));
        return JSON.writeValueAsString(Map.of("Records", List.of(Map.of("messageId", UUID.randomUUID().toString(),
                "body", task, "eventSource", "aws:sqs"))));
    }

    private String incidentOpened() throws Exception {
        return busEvent("Incident Opened", "INCIDENT_OPENED", declared());
    }

    private String incidentResolved() throws Exception {
        Incident incident = resolved();
        return busEvent("Incident Resolved", "INCIDENT_RESOLVED", incident);
    }

    /** The due-day reminder of a fresh postmortem whose war room exists: it speaks in the room. */
    private String reminderDue() throws Exception {
        Incident incident = resolved();
        String channel = "C0WARROOM" + run.get(), name = "inc-cold-start-" + run.get();
        seed.storage().warRooms().recordChannel(incident.id(), name, channel);
        slack.addChannel(channel, name, false, true);
        seed.postmortems().draftOnResolve(incident.id(), "U0BOB");
        return JSON.writeValueAsString(Map.of("reminderId", "pm-" + incident.id() + "-due", "incident",
                incident.id().toString(), "kind", "DUE", "at", Instant.now().toString()));
    }

    /** The incident list, with the session cookie a personal link leaves behind. */
    private String webPage() throws Exception {
        String token = new io.hikeshi.core.access.SignedLinks(WEB_KEY, java.time.Clock.systemUTC())
                .issue("U0ALICE", Duration.ofHours(1));
        return httpApi("GET", "/", Map.of("host", "bench.example.jp"), List.of("hikeshi_session=" + token), "");
    }

    private Incident declared() {
        return seed.incidents().declare("Cold start " + run.incrementAndGet(), Severity.SEV2, "payment-api",
                "seeded by the cold-start benchmark", "U0BOB", UUID.randomUUID().toString()).orElseThrow();
    }

    private Incident resolved() {
        IncidentId id = declared().id();
        seed.incidents().assignCommander(id, "U0BOB", "U0BOB");
        return seed.incidents().changeStatus(id, Status.RESOLVED, "U0BOB");
    }

    private static String busEvent(String detailType, String type, Incident incident) throws Exception {
        return JSON.writeValueAsString(Map.of("version", "0", "id", UUID.randomUUID().toString(),
                "detail-type", detailType, "source", "hikeshi.incidents", "account", "123456789012",
                "time", Instant.now().toString(), "region", "ap-northeast-1", "resources", List.of(),
                "detail", Map.of("id", UUID.randomUUID().toString(), "type", type, "incident", incident.id().toString(),
                        "at", Instant.now().toString(), "attributes", Map.of("title", incident.title(),
                                "severity", incident.severity().name(), "status", incident.status().name().toLowerCase(),
                                "service", "payment-api", "actor", "U0BOB"))));
    }

    private static String httpApi(String method, String path, Map<String, String> headers, List<String> cookies,
                                  String body) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", method + " " + path)
                .put("rawPath", path).put("rawQueryString", "").put("body", body).put("isBase64Encoded", false);
        event.set("headers", JSON.valueToTree(headers));
        if (!cookies.isEmpty()) {
            event.set("cookies", JSON.valueToTree(cookies));
        }
        event.putObject("requestContext").put("stage", "$default").putObject("http")
                .put("method", method).put("path", path).put("sourceIp", "203.0.113.10");
        return JSON.writeValueAsString(event);
    }
}
