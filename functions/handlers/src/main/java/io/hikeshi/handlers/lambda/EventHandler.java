package io.hikeshi.handlers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skeleton of an entry point whose event is one of Lambda's own types (aws-lambda-java-events:
 * SQSEvent, DynamodbEvent, ScheduledEvent), which the runtime decodes and whose answer it encodes:
 * one call ({@link #handle}) inside the invocation's logging context. A failure is logged once here
 * and thrown on, so that Lambda retries the event.
 *
 * <p>Each handler declares {@code handleRequest} with its own event type and passes it to {@link #run}:
 * Lambda's runtime learns which type to decode into from that method's parameter, and from an inherited,
 * generic one it would decode a plain map.
 *
 * @param <I> the event, as Lambda's runtime decodes it
 * @param <O> the answer, as Lambda's runtime encodes it
 */
public abstract class EventHandler<I, O> implements RequestHandler<I, O> {

    private final Logger log = LoggerFactory.getLogger(getClass());

    /** The whole invocation: its logging context, the one call, the failure logged. */
    protected final O run(I event, Context context) {
        LambdaLog.start(context);
        try {
            return handle(event);
        } catch (RuntimeException e) {
            log.error("invocation failed", LambdaLog.kv("cause", e.toString()));
            throw e;
        } finally {
            LambdaLog.end();
        }
    }

    /** The one call this function makes, and what it answers. */
    protected abstract O handle(I event);
}
