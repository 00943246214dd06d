package io.hikeshi.core.task;

/**
 * Hands slow work to after the response: Slack must get its answer within 3 seconds, and a Lambda
 * function is frozen once it has answered, so work that calls Slack several times goes through a
 * queue (SQS in AWS, an in-process executor in local mode) and runs in its own invocation.
 * Delivery is at least once: tasks must be safe to run twice.
 */
@FunctionalInterface
public interface TaskQueue {

    /** @param task a self-contained JSON document describing the work */
    void submit(String task);
}
