package io.hikeshi.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hikeshi.aws.sns.SnsNotifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** SnsNotifier against an emulator: subscribers filter on the String message attributes it sets. */
class SnsNotifierIT {

    /** What a stakeholder subscription for major incidents looks like; any policy can go through the same helpers. */
    static final String MAJOR_ONLY_POLICY = "{\"severity\":[\"SEV1\",\"SEV2\"]}";

    private static SnsClient sns;
    private static SqsClient sqs;

    /** Per test, not in @BeforeAll: Surefire/Failsafe report a skip there as "Tests run: 0" without the reason. */
    @BeforeEach
    void emulator() {
        Emulator.endpoint(); // skips with the reason when there is no emulator
        if (sns == null) {
            System.out.println("emulator: " + Emulator.describe());
            sns = Emulator.sns();
            sqs = Emulator.sqs();
        }
    }

    @AfterAll
    static void close() {
        if (sns != null) {
            sns.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void aFilteredSubscriptionGetsOnlyMatchingSeveritiesTheUnfilteredOneGetsAll() {
        String topicArn = sns.createTopic(r -> r.name(AwsFixtures.uniqueName("hikeshi-stakeholders"))).topicArn();
        String filtered = AwsFixtures.subscribeQueue(sns, sqs, topicArn, MAJOR_ONLY_POLICY);
        String everything = AwsFixtures.subscribeQueue(sns, sqs, topicArn, null);
        try {
            SnsNotifier notifier = new SnsNotifier(sns, topicArn);
            Map<String, String> sev1 = Map.of("severity", "SEV1", "service", "checkout", "status", "OPEN", "event", "INCIDENT_OPENED");
            Map<String, String> sev4 = new java.util.HashMap<>(Map.of("severity", "SEV4", "service", "search", "event", "INCIDENT_OPENED"));
            sev4.put("status", " "); // blank: not sent
            notifier.notify("[SEV1] INC-0042 決済が遅い", "INC-0042 opened: checkout p99 > 2s", sev1);
            notifier.notify("[SEV4] INC-0043 " + "x".repeat(200), "INC-0043 opened: search typo", sev4);

            List<Message> major = AwsFixtures.receive(sqs, filtered, 1, Duration.ofSeconds(20), Duration.ofSeconds(2));
            List<Message> all = AwsFixtures.receive(sqs, everything, 2, Duration.ofSeconds(20), Duration.ofSeconds(2));

            assertEquals(List.of("INC-0042 opened: checkout p99 > 2s"), major.stream().map(Message::body).toList(),
                    "the SEV1/SEV2 subscription gets only the SEV1 notification");
            assertEquals(new TreeMap<>(sev1), attributes(major.get(0)));

            assertEquals(List.of("INC-0042 opened: checkout p99 > 2s", "INC-0043 opened: search typo"),
                    all.stream().map(Message::body).sorted().toList(), "the unfiltered subscription gets both");
            Message sev4Message = all.stream().filter(m -> m.body().startsWith("INC-0043")).findFirst().orElseThrow();
            assertEquals(Map.of("severity", "SEV4", "service", "search", "event", "INCIDENT_OPENED"), attributes(sev4Message),
                    "the blank status is not sent");
        } finally {
            AwsFixtures.quietly(() -> sns.deleteTopic(r -> r.topicArn(topicArn)));
            AwsFixtures.quietly(() -> sqs.deleteQueue(r -> r.queueUrl(filtered)));
            AwsFixtures.quietly(() -> sqs.deleteQueue(r -> r.queueUrl(everything)));
        }
    }

    private static Map<String, String> attributes(Message m) {
        Map<String, String> out = new TreeMap<>();
        m.messageAttributes().forEach((name, value) -> {
            assertEquals("String", value.dataType(), "data type of " + name);
            out.put(name, value.stringValue());
        });
        return out;
    }
}
