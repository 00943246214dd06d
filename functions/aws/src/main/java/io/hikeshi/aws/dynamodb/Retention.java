package io.hikeshi.aws.dynamodb;

import java.time.Duration;

/** How long the table keeps what only guards against repeats (its TTL attribute, {@code expiresAt}). */
public final class Retention {

    private Retention() { }

    /** The longest a dead-letter queue keeps a message: SQS's maximum, which template.yaml sets on every DLQ. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
    /** The longest EventBridge retries a delivery (template.yaml: MaximumEventAgeInSeconds). */
    public static final Duration EVENTBRIDGE_RETRY_WINDOW = Duration.ofHours(24);
    /** The longest Lambda retries an asynchronous invocation before its on-failure destination (the DLQ). */
    public static final Duration LAMBDA_ASYNC_RETRY_WINDOW = Duration.ofHours(6);

    /**
     * A delivery record must outlive every way the same event can come back: Lambda's own retries,
     * then up to 14 days in a dead-letter queue, then EventBridge retrying the redriven event, plus
     * a day for the person redriving it. Redelivery is then safe for as long as any queue can redeliver.
     */
    public static final Duration DELIVERY_RECORD_TTL = LAMBDA_ASYNC_RETRY_WINDOW.plus(DEAD_LETTER_RETENTION)
            .plus(EVENTBRIDGE_RETRY_WINDOW).plus(Duration.ofDays(1));

    /** Outbox items are relayed within seconds; they expire after a day whatever happens. */
    public static final Duration OUTBOX_TTL = Duration.ofDays(1);
}
