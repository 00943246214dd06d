package io.hikeshi.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The baseline a function's cold init is compared with: a handler that builds the same SDK clients
 * the function builds (named in {@code BARE_CLIENTS}, e.g. {@code dynamodb,ssm,slack}), the same
 * way (URL-connection HTTP client, endpoints from the environment), and makes one call with each.
 * Nothing else: no configuration, no domain, no Bolt. A handler of Lambda's event types gets a twin of the same
 * type ({@link #twinOf}).
 */
public final class BareHandler implements RequestStreamHandler {

    public static final String CLIENTS = "BARE_CLIENTS";

    private final List<Runnable> calls = new ArrayList<>();

    public BareHandler() {
        for (String client : System.getenv().getOrDefault(CLIENTS, "dynamodb").split(",")) {
            calls.add(call(client.strip(), System.getenv()));
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(callAll().getBytes(StandardCharsets.UTF_8));
    }

    private String callAll() {
        calls.forEach(Runnable::run);
        return "{\"calls\":%d}".formatted(calls.size());
    }

    /**
     * The twin of a function's handler: of the same kind as far as Lambda's runtime is concerned. A handler of one
     * of Lambda's event types has its event decoded by the runtime's serialization library (about 400 ms in a fresh
     * JVM on the project's machine), which the launcher times for the function as the runtime would; its twin is a
     * handler of the same type, so that the runtime's part falls on both sides.
     */
    public static String twinOf(String handlerClass) throws ClassNotFoundException {
        for (java.lang.reflect.Method m : Class.forName(handlerClass).getDeclaredMethods()) {
            if (m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2) {
                Class<?> event = m.getParameterTypes()[0];
                if (event == SQSEvent.class) {
                    return Sqs.class.getName();
                }
                if (event == DynamodbEvent.class) {
                    return DynamodbStream.class.getName();
                }
            }
        }
        return BareHandler.class.getName();
    }

    /** The twin of an SQS-triggered handler. */
    public static final class Sqs implements RequestHandler<SQSEvent, String> {
        private final BareHandler bare = new BareHandler();

        @Override
        public String handleRequest(SQSEvent event, Context context) {
            return bare.callAll();
        }
    }

    /** The twin of a DynamoDB-stream-triggered handler. */
    public static final class DynamodbStream implements RequestHandler<DynamodbEvent, String> {
        private final BareHandler bare = new BareHandler();

        @Override
        public String handleRequest(DynamodbEvent event, Context context) {
            return bare.callAll();
        }
    }

    /** Builds the client now (as the function does at init); the returned call uses it once. */
    private static Runnable call(String client, Map<String, String> env) {
        return switch (client) {
            case "dynamodb" -> {
                DynamoDbClient dynamo = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                        .endpointOverride(URI.create(env.get("HIKESHI_DYNAMODB_ENDPOINT"))).build();
                yield () -> dynamo.getItem(r -> r.tableName(env.get("HIKESHI_TABLE"))
                        .key(Map.of("pk", AttributeValue.fromS("x"), "sk", AttributeValue.fromS("x"))));
            }
            case "ssm" -> {
                SsmClient ssm = SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
                yield () -> ssm.getParameter(r -> r.name("/hikeshi/slack/signing-secret").withDecryption(true));
            }
            case "sqs" -> {
                SqsClient sqs = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
                yield () -> sqs.sendMessage(r -> r.queueUrl(env.get("HIKESHI_SLACK_TASK_QUEUE_URL")).messageBody("{}"));
            }
            case "eventbridge" -> {
                EventBridgeClient events = EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
                yield () -> events.putEvents(r -> r.entries(e -> e.eventBusName(env.get("HIKESHI_EVENT_BUS"))
                        .source("hikeshi.bench").detailType("Bare").detail("{}")));
            }
            case "sns" -> {
                SnsClient sns = SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
                yield () -> sns.publish(r -> r.topicArn(env.get("HIKESHI_STAKEHOLDER_TOPIC")).message("bare"));
            }
            case "scheduler" -> {
                SchedulerClient scheduler = SchedulerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
                yield () -> scheduler.getScheduleGroup(r -> r.name(env.get("HIKESHI_REMINDER_GROUP")));
            }
            case "slack" -> SlackCall.make(env);
            default -> throw new IllegalArgumentException("unknown client '" + client + "' in " + CLIENTS);
        };
    }

    /**
     * Slack's client in a class of its own: a function's artifact without the Slack SDK must still be able
     * to load this handler (the JVM's verifier loads the exception types a method catches).
     */
    private static final class SlackCall {
        static Runnable make(Map<String, String> env) {
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(env.get("HIKESHI_SLACK_API_URL"));
            var methods = Slack.getInstance(config).methods("xoxb-bare");
            return () -> {
                try {
                    methods.authTest(r -> r);
                } catch (IOException | com.slack.api.methods.SlackApiException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
    }
}
