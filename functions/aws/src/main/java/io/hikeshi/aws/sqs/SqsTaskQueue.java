package io.hikeshi.aws.sqs;

import io.hikeshi.core.task.TaskQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The task queue on SQS: a worker function drains it, failed tasks are retried, then dead-lettered. */
public final class SqsTaskQueue implements TaskQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsTaskQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void submit(String task) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(task));
    }
}
