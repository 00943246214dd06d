package io.hikeshi.aws.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Emulator-side wiring for the ITs, reusable with other rule patterns and filter policies: buses,
 * queues, rules whose target is a queue, SNS subscriptions, and bounded queue polling. Every name
 * gets a random suffix, so runs against a long-lived emulator do not collide.
 */
public final class AwsFixtures {

    private AwsFixtures() {
    }

    /** {@code prefix-<8 hex>}: unique per call. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a custom event bus; returns its name. */
    public static String createBus(EventBridgeClient events, String name) {
        events.createEventBus(r -> r.name(name));
        return name;
    }

    /** Creates a standard queue; returns its URL. */
    public static String createQueue(SqsClient sqs, String name) {
        return sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    public static String queueArn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** A rule created by {@link #createRuleToQueue}. */
    public record RuleToQueue(String ruleName, String ruleArn, String queueUrl, String queueArn) {
    }

    /**
     * A new queue and, on {@code bus}, a new rule with {@code patternJson} (an EventBridge event
     * pattern, e.g. the one template.yaml gives its rule) whose one target is that queue. The queue
     * gets the resource policy AWS needs for EventBridge to send to it (emulators may not check it).
     */
    public static RuleToQueue createRuleToQueue(EventBridgeClient events, SqsClient sqs, String bus, String patternJson) {
        String queueUrl = createQueue(sqs, uniqueName("hikeshi-rule-target"));
        String queueArn = queueArn(sqs, queueUrl);
        String ruleName = uniqueName("hikeshi-rule");
        String ruleArn = events.putRule(r -> r.name(ruleName).eventBusName(bus).eventPattern(patternJson)).ruleArn();
        allowSendFrom(sqs, queueUrl, queueArn, "events.amazonaws.com", ruleArn);
        var put = events.putTargets(r -> r.rule(ruleName).eventBusName(bus)
                .targets(Target.builder().id("queue").arn(queueArn).build()));
        if (put.failedEntryCount() != null && put.failedEntryCount() > 0) {
            throw new IllegalStateException("PutTargets failed: " + put.failedEntries());
        }
        return new RuleToQueue(ruleName, ruleArn, queueUrl, queueArn);
    }

    /**
     * A new queue subscribed to {@code topicArn} with raw message delivery, and the filter policy
     * {@code filterPolicyJson} on message attributes when not null; returns the queue URL.
     */
    public static String subscribeQueue(SnsClient sns, SqsClient sqs, String topicArn, String filterPolicyJson) {
        String queueUrl = createQueue(sqs, uniqueName("hikeshi-topic-sub"));
        String queueArn = queueArn(sqs, queueUrl);
        allowSendFrom(sqs, queueUrl, queueArn, "sns.amazonaws.com", topicArn);
        var attributes = new java.util.HashMap<String, String>();
        attributes.put("RawMessageDelivery", "true");
        if (filterPolicyJson != null) {
            attributes.put("FilterPolicyScope", "MessageAttributes");
            attributes.put("FilterPolicy", filterPolicyJson);
        }
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(attributes)
                .returnSubscriptionArn(true));
        return queueUrl;
    }

    /** The queue policy that lets {@code service} send to the queue on behalf of {@code sourceArn}. */
    public static void allowSendFrom(SqsClient sqs, String queueUrl, String queueArn, String service, String sourceArn) {
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Sid":"allow-%s","Effect":"Allow",\
                "Principal":{"Service":"%s"},"Action":"sqs:SendMessage","Resource":"%s",\
                "Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}""".formatted(service.split("\\.")[0], service, queueArn, sourceArn);
        sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));
    }

    /**
     * Receives (and deletes) messages until {@code expected} have arrived or {@code timeout} passes,
     * then keeps listening for {@code settle} more to catch any that should not have arrived.
     * Returns what arrived, which may be more or fewer than expected: the caller asserts.
     */
    public static List<Message> receive(SqsClient sqs, String queueUrl, int expected, Duration timeout, Duration settle) {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long settleUntil = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline || now >= settleUntil) {
                return received;
            }
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            for (Message m : batch) {
                received.add(m);
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            if (received.size() >= expected && settleUntil == Long.MAX_VALUE) {
                settleUntil = Math.min(deadline, System.nanoTime() + settle.toNanos());
            }
        }
    }

    /** How many messages a queue holds: visible, and received but not yet deleted (in flight). */
    public record Depth(int visible, int inFlight) {
        public int total() {
            return visible + inFlight;
        }
    }

    /** The queue's depth (exact on the emulators; SQS itself only approximates). */
    public static Depth depth(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return new Depth(Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
    }

    /**
     * Looks at messages without consuming them: receives until {@code expected} distinct messages
     * have arrived or {@code timeout} passes, then makes each visible again at once. Returns what
     * arrived; the caller asserts.
     */
    public static List<Message> peek(SqsClient sqs, String queueUrl, int expected, Duration timeout) {
        Map<String, Message> seen = new java.util.LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < expected && System.nanoTime() < deadline) {
            // Hidden while we look (longer than any timeout here), so each arrives once and empty polls wait.
            sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(300).messageAttributeNames("All")).messages()
                    .forEach(m -> seen.putIfAbsent(m.messageId(), m));
        }
        seen.values().forEach(m -> sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                .visibilityTimeout(0)));
        return new ArrayList<>(seen.values());
    }

    /** Best-effort clean-up: ignores whatever the emulator refuses. */
    public static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException ignored) {
            // the emulator is disposable
        }
    }
}
