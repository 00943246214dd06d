package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.task.SlackTaskRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drains the Slack task queue (SQS). Reports failures per message (ReportBatchItemFailures), so one
 * failing task is retried alone and, after the queue's retries, lands in its dead-letter queue.
 * A task that cannot even be read is reported failed too: retrying cannot mend it, but it then waits
 * in the dead-letter queue, where someone can read it, instead of vanishing with only a log line.
 */
public final class SlackTaskHandler implements RequestStreamHandler {

    private final SlackTaskRunner runner;
    private final ObjectMapper json = new ObjectMapper();

    public SlackTaskHandler() {
        this(SlackComposition.fromEnvironment().taskRunner());
    }

    public SlackTaskHandler(SlackTaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = json.readTree(input);
        List<Map<String, String>> failures = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            String id = record.path("messageId").asText();
            SlackTask task;
            try {
                task = SlackTask.fromJson(record.path("body").asText());
                if (task == null) { // the body was JSON null
                    throw new IllegalArgumentException("not a Slack task: null");
                }
            } catch (IllegalArgumentException e) {
                Log.error("unreadable Slack task; left to the dead-letter queue", "messageId", id, "error", e.getMessage());
                failures.add(Map.of("itemIdentifier", id));
                continue;
            }
            try {
                runner.run(task);
                Log.info("slack task done", "messageId", id, "kind", task.kind());
            } catch (Exception e) {
                Log.warn("slack task failed; will retry", "messageId", id, "kind", task.kind(), "error", e.toString());
                failures.add(Map.of("itemIdentifier", id));
            }
        }
        json.writeValue(output, Map.of("batchItemFailures", failures));
    }
}
