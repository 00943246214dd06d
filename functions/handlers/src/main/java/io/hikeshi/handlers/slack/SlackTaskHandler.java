package io.hikeshi.handlers.slack;

import io.hikeshi.handlers.wiring.SlackWiring;
import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.Context;
import io.hikeshi.handlers.lambda.EventHandler;
import io.hikeshi.handlers.lambda.PartialBatch;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.task.SlackTaskRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the Slack task queue (SQS), reporting failures per message ({@link PartialBatch}), so one
 * failing task is retried alone and, after the queue's retries, lands in its dead-letter queue.
 * A task that cannot even be read is reported failed too: retrying cannot mend it, but it then waits
 * in the dead-letter queue, where someone can read it, instead of vanishing with only a log line.
 */
public final class SlackTaskHandler extends EventHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SlackTaskHandler.class);

    private final SlackTaskRunner runner;

    public SlackTaskHandler() {
        this(SlackWiring.boltInAws(Settings.fromEnvironment(), () -> null).taskRunner());
    }

    public SlackTaskHandler(SlackTaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return run(event, context);
    }

    @Override
    protected SQSBatchResponse handle(SQSEvent batch) {
        return PartialBatch.of(batch, message -> {
            SlackTask task;
            try {
                task = SlackTask.fromJson(message.getBody());
                if (task == null) { // the body was JSON null
                    throw new IllegalArgumentException("not a Slack task: null");
                }
            } catch (IllegalArgumentException e) {
                LOG.error("unreadable Slack task; left to the dead-letter queue", kv("messageId", message.getMessageId()),
                        kv("cause", e.getMessage()));
                throw e;
            }
            runner.run(task);
            LOG.info("slack task done", kv("messageId", message.getMessageId()), kv("kind", task.kind()));
        });
    }
}
