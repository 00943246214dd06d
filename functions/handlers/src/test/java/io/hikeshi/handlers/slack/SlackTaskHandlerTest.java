package io.hikeshi.handlers.slack;

import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.LambdaEvents;
import io.hikeshi.handlers.TestClocks;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.wiring.Composition;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The Slack task function: a batch of tasks from SQS (events/sqs-slack-tasks.json, as the queue
 * delivers it), Slack through the real SDK against the stub. It reports failures per message
 * (ReportBatchItemFailures), so SQS retries only the failed ones and, after five tries, moves them
 * to the dead-letter queue; everything else in the batch is done and deleted.
 */
class SlackTaskHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE = "events/sqs-slack-tasks.json";
    /** The messages of the sample batch: a post, an ephemeral message, a post. */
    private static final String POST_ID = "2e1424d4-f796-459a-8184-9c92662be6da";
    private static final String EPHEMERAL_ID = "4f3c1b2a-7d6e-4a90-b1c8-3e5f0a9d8c21";
    private static final String SECOND_POST_ID = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    /** When the queue received the batch (its first SentTimestamp), never the machine's day. */
    private static final Clock CLOCK = TestClocks.fixedAt(Instant.ofEpochMilli(1_795_403_567_000L));

    private SlackApiStub slackApi;
    private SlackTaskHandler handler;

    @BeforeEach
    void setUp() {
        slackApi = SlackApiStub.start();
        Composition core = Composition.fromStore(Map.of(Settings.LOCALE, "en"), InMemoryStorage.create().ports(),
                reference -> "unused", NO_REMINDERS, CLOCK);
        SlackWiring slack = new SlackWiring(core, new HikeshiSlackApp.Settings("s", "xoxb-test",
                slackApi.methodsUrlPrefix(), Locale.ENGLISH), task -> { });
        handler = new SlackTaskHandler(slack.taskRunner());
    }

    @AfterEach
    void tearDown() {
        slackApi.close();
    }

    @Test
    void theSampleBatch_isAnSqsEvent_ofThreeTasks() {
        // GIVEN the sample, read as aws-lambda-java-events reads what SQS sends
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE);

        // THEN it is three messages from the task queue, with the ids the tests below name
        assertEquals(List.of(POST_ID, EPHEMERAL_ID, SECOND_POST_ID),
                event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList());
        assertEquals(List.of("aws:sqs", "aws:sqs", "aws:sqs"),
                event.getRecords().stream().map(SQSEvent.SQSMessage::getEventSource).toList());
    }

    @ParameterizedTest
    @Event(value = SAMPLE, type = Map.class)
    void batchOfThree_allDone_reportsNoFailure(Map<String, Object> batch) throws Exception {
        // WHEN the batch is handled and Slack answers every call
        SQSBatchResponse response = handle(batch);

        // THEN no message is reported, and each task reached Slack once
        assertEquals(List.of(), failedIds(response));
        assertEquals(List.of("chat.postMessage C0INCIDENTS", "chat.postEphemeral C0WARROOM", "chat.postMessage C0WARROOM"),
                slackCalls());
    }

    @ParameterizedTest
    @Event(value = SAMPLE, type = Map.class)
    void batchOfThree_whoseMiddleTaskFails_reportsExactlyThatMessage(Map<String, Object> batch) throws Exception {
        // GIVEN Slack fails the ephemeral message, the middle task, with a 500
        slackApi.failNext("chat.postEphemeral", 1, 500, null);

        // WHEN the batch is handled
        SQSBatchResponse response = handle(batch);

        // THEN only that message is reported failed (SQS retries it alone); the tasks around it were done
        assertEquals(List.of(EPHEMERAL_ID), failedIds(response));
        assertEquals(List.of("chat.postMessage C0INCIDENTS", "chat.postEphemeral C0WARROOM", "chat.postMessage C0WARROOM"),
                slackCalls());
    }

    @ParameterizedTest
    @Event(value = SAMPLE, type = Map.class)
    void unreadableTasks_areReportedFailed_soTheyReachTheDeadLetterQueue_andTheRestIsDone(Map<String, Object> batch)
            throws Exception {
        // GIVEN the sample's three tasks, and among them messages no task can be read from: not JSON, JSON null,
        // an unknown kind, no kind, and no body at all
        List<Map<String, Object>> records = new ArrayList<>(records(batch));
        Map<String, String> unreadable = Map.of("bad-not-json", "{\"kind\":", "bad-null", "null",
                "bad-kind", "{\"kind\":\"EXPLODE\",\"channel\":\"C0WARROOM\"}", "bad-no-kind", "{\"channel\":\"C0WARROOM\"}");
        unreadable.forEach((id, body) -> records.add(1, message(records.get(0), id, body)));
        Map<String, Object> noBody = message(records.get(0), "bad-no-body", null);
        noBody.remove("body");
        records.add(noBody);

        // WHEN the batch is handled
        SQSBatchResponse response = handle(Map.of("Records", records));

        // THEN each unreadable message is reported failed: retrying cannot mend it, but after the queue's
        // retries it waits in the dead-letter queue, where someone can read it, instead of vanishing;
        // and the readable tasks around them were done
        assertEquals(List.of("bad-no-body", "bad-no-kind", "bad-not-json", "bad-null", "bad-kind").stream().sorted().toList(),
                failedIds(response).stream().sorted().toList());
        assertEquals(List.of("chat.postMessage C0INCIDENTS", "chat.postEphemeral C0WARROOM", "chat.postMessage C0WARROOM"),
                slackCalls());
    }

    private SQSBatchResponse handle(Map<String, Object> batch) throws Exception {
        SQSBatchResponse answer = handler.handleRequest(LambdaEvents.read(SQSEvent.class, JSON.writeValueAsBytes(batch)), null);
        // As Lambda's runtime writes it, read strictly into the library's type: an unknown field in the answer fails the test.
        return JSON.readValue(LambdaEvents.write(answer, SQSBatchResponse.class), SQSBatchResponse.class);
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** The tasks' Slack calls, each as "method channel", in order (the Bolt app's own auth.test aside). */
    private List<String> slackCalls() {
        return slackApi.calls().stream().filter(c -> !c.method().equals("auth.test")).map(c -> c.method() + " " + c.param("channel"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Map<String, Object> batch) {
        return (List<Map<String, Object>>) batch.get("Records");
    }

    /** A message like {@code template}, with its own id and body. */
    private static Map<String, Object> message(Map<String, Object> template, String id, String body) {
        Map<String, Object> message = new HashMap<>(template);
        message.put("messageId", id);
        message.put("body", body);
        return message;
    }

    private static final ReminderScheduler NO_REMINDERS = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) { }

        @Override
        public void cancel(String reminderId) { }
    };
}
