package io.hikeshi.handlers.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQS with ReportBatchItemFailures: each message is handled on its own and only the ones that failed
 * are reported, so one failing message is retried alone and, after the queue's retries, lands in its
 * dead-letter queue; the rest of the batch is done and deleted.
 */
public final class PartialBatch {

    private static final Logger LOG = LoggerFactory.getLogger(PartialBatch.class);

    private PartialBatch() { }

    /** Handles one message; any throw reports it failed. */
    @FunctionalInterface
    public interface Each {
        void handle(SQSEvent.SQSMessage message) throws Exception;
    }

    /**
     * @param each handles one message; a throw reports that message failed
     * @return the failed messages' ids, as Lambda reads them
     */
    public static SQSBatchResponse of(SQSEvent batch, Each each) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = batch == null || batch.getRecords() == null ? List.of() : batch.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                each.handle(message);
            } catch (Exception e) {
                LOG.warn("message failed; left to the queue's retries", LambdaLog.kv("messageId", message.getMessageId()),
                        LambdaLog.kv("cause", e.toString()));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
