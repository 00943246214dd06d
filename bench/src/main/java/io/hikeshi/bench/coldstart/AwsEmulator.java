package io.hikeshi.bench.coldstart;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The AWS emulator the functions' SSM, SQS, SNS, EventBridge and Scheduler clients talk to in the
 * cold-start benchmark: the one {@code HIKESHI_EMULATOR_ENDPOINT} names (bin/bench starts moto on a port
 * it binds itself). Children reach it through {@code AWS_ENDPOINT_URL},
 * which every SDK client without an endpoint override honours.
 */
final class AwsEmulator implements AutoCloseable {

    static final String REGION = "ap-northeast-1";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final URI endpoint;

    private AwsEmulator(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The emulator {@code HIKESHI_EMULATOR_ENDPOINT} names (bin/bench starts one), or null with the reason on stderr. */
    static AwsEmulator find() {
        String given = System.getenv("HIKESHI_EMULATOR_ENDPOINT");
        if (given == null || given.isBlank()) {
            System.err.println("no AWS emulator: HIKESHI_EMULATOR_ENDPOINT is not set (bin/bench starts one; "
                    + "it needs python3 to set up .tools/python)");
            return null;
        }
        return new AwsEmulator(URI.create(given));
    }

    URI endpoint() {
        return endpoint;
    }

    /** What the functions expect to exist: secrets, the task queue, the bus, the topic, the schedule group. */
    Map<String, String> provision(Map<String, String> secrets) {
        try (SsmClient ssm = at(SsmClient.builder()).build();
             SqsClient sqs = at(SqsClient.builder()).build();
             EventBridgeClient events = at(EventBridgeClient.builder()).build();
             SnsClient sns = at(SnsClient.builder()).build();
             SchedulerClient scheduler = at(SchedulerClient.builder()).build()) {
            secrets.forEach((name, value) -> ssm.putParameter(r -> r.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true)));
            String queueUrl = sqs.createQueue(r -> r.queueName("hikeshi-bench-slack-tasks")).queueUrl();
            String bus = "hikeshi-bench-bus";
            if (events.listEventBuses(r -> r.namePrefix(bus)).eventBuses().isEmpty()) {
                events.createEventBus(r -> r.name(bus));
            }
            String topic = sns.createTopic(r -> r.name("hikeshi-bench-stakeholders")).topicArn();
            String group = "hikeshi-bench-reminders";
            if (scheduler.listScheduleGroups(r -> r.namePrefix(group)).scheduleGroups().isEmpty()) {
                scheduler.createScheduleGroup(r -> r.name(group));
            }
            return Map.of("HIKESHI_SLACK_TASK_QUEUE_URL", queueUrl, "HIKESHI_EVENT_BUS", bus,
                    "HIKESHI_STAKEHOLDER_TOPIC", topic, "HIKESHI_REMINDER_GROUP", group);
        }
    }

    /** A client builder pointed at the emulator. */
    private <B extends AwsClientBuilder<B, ?>> B at(B builder) {
        return builder.endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(CREDENTIALS);
    }

    @Override
    public void close() {
        // the emulator belongs to whoever started it (bin/bench)
    }
}
