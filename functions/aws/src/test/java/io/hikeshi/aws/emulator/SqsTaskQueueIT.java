package io.hikeshi.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.aws.sqs.SqsTaskQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** SqsTaskQueue against an emulator: what the worker receives is exactly what was submitted. */
class SqsTaskQueueIT {

    private static SqsClient sqs;
    private String queueUrl;

    /** Per test, not in @BeforeAll: Surefire/Failsafe report a skip there as "Tests run: 0" without the reason. */
    @BeforeEach
    void emulator() {
        Emulator.endpoint(); // skips with the reason when there is no emulator
        if (sqs == null) {
            System.out.println("emulator: " + Emulator.describe());
            sqs = Emulator.sqs();
        }
        queueUrl = AwsFixtures.createQueue(sqs, AwsFixtures.uniqueName("hikeshi-tasks"));
    }

    @AfterEach
    void deleteQueue() {
        if (sqs != null && queueUrl != null) {
            AwsFixtures.quietly(() -> sqs.deleteQueue(r -> r.queueUrl(queueUrl)));
        }
    }

    @AfterAll
    static void close() {
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void submit_reachesTheQueueUnchanged_whenTheTaskHoldsJapaneseEmojiAndMarkup() throws Exception {
        // GIVEN a task as the Slack app writes them, with text a responder typed
        String task = """
                {"kind":"POST","user":"U0123ABCD","channel":"C0123ABCD","incident":"INC-0042",\
                "text":"決済APIの遅延 🔥🧯 対応中です（p99 > 2s）\\n<@U0123ABCD> さん & \\"チーム\\" 👨‍👩‍👧",\
                "thread":null}""";

        // WHEN it is submitted
        new SqsTaskQueue(sqs, queueUrl).submit(task);

        // THEN the queue holds it byte for byte, without message attributes
        List<Message> received = AwsFixtures.receive(sqs, queueUrl, 1, Duration.ofSeconds(20), Duration.ofSeconds(2));
        assertEquals(1, received.size(), "one message: " + received);
        Message message = received.get(0);
        assertEquals(task, message.body());
        assertEquals(md5(task), message.md5OfBody(), "the queue's digest is of the UTF-8 bytes submitted");
        assertTrue(message.messageAttributes().isEmpty(), "the adapter sets no attributes: " + message.messageAttributes());
    }

    @Test
    void submit_keepsWhitespaceAndLineBreaksAsGiven() {
        // GIVEN a task whose text begins and ends with spaces and breaks lines both ways
        String task = "  {\"text\":\"一行目\r\n二行目\n\t三行目 ✅\"}  \n";

        // WHEN it is submitted
        new SqsTaskQueue(sqs, queueUrl).submit(task);

        // THEN nothing is trimmed or normalised
        List<Message> received = AwsFixtures.receive(sqs, queueUrl, 1, Duration.ofSeconds(20), Duration.ofSeconds(2));
        assertEquals(List.of(task), received.stream().map(Message::body).toList());
    }

    @Test
    void submit_sendsEachTaskAsItsOwnMessage() {
        // GIVEN three tasks, two of them identical
        SqsTaskQueue tasks = new SqsTaskQueue(sqs, queueUrl);
        String home = "{\"kind\":\"PUBLISH_HOME\",\"user\":\"U1\"}";
        String pin = "{\"kind\":\"RECORD_PIN\",\"user\":\"U2\",\"channel\":\"C1\"}";

        // WHEN they are submitted
        tasks.submit(home);
        tasks.submit(pin);
        tasks.submit(home);

        // THEN three messages arrive: the queue merges nothing (delivery is at least once; the worker copes)
        List<Message> received = AwsFixtures.receive(sqs, queueUrl, 3, Duration.ofSeconds(20), Duration.ofSeconds(2));
        assertEquals(List.of(home, home, pin), received.stream().map(Message::body).sorted().toList());
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
