package io.hikeshi.handlers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skeleton of an entry point that reads its event itself, from the bytes Lambda delivers: decode
 * ({@link #read}), one call ({@link #handle}), the answer written as JSON, all inside the invocation's
 * logging context. For events whose exact bytes matter (a signed HTTP body, an alarm parsed strictly)
 * or that are Hikeshi's own (bus events); the others are {@link EventHandler}s, decoded by the runtime.
 *
 * <p>A failure is logged once here, with the function's fields, and thrown on: Lambda retries
 * asynchronous events and parks them in their dead-letter queue after its retries.
 *
 * @param <I> the decoded event
 * @param <O> the answer, written as JSON
 */
public abstract class StreamHandler<I, O> implements RequestStreamHandler {

    private final Logger log = LoggerFactory.getLogger(getClass());

    /** Jackson's mapper, for the handlers that read or answer with it: the {@link SharedMapper}. */
    protected static ObjectMapper json() {
        return SharedMapper.get();
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaLog.start(context);
        if (context != null) {
            invokedAs(context.getInvokedFunctionArn());
        }
        try {
            byte[] bytes = input.readAllBytes();
            O answer;
            I event;
            try {
                event = read(bytes);
            } catch (IOException | RuntimeException e) {
                answer = unreadable(e, bytes.length);
                write(output, answer);
                return;
            }
            write(output, handle(event));
        } catch (IOException | RuntimeException e) {
            log.error("invocation failed", LambdaLog.kv("cause", e.toString()));
            throw e;
        } finally {
            LambdaLog.end();
        }
    }

    /**
     * The ARN this invocation was made through (Lambda's context), before the event is read; only a function that
     * must name itself (the reminder function setting its next schedule) needs it. Never called outside Lambda.
     */
    protected void invokedAs(String functionArn) {
    }

    /** Writes the answer as JSON; by default with {@link #json()}. */
    protected void write(OutputStream output, O answer) throws IOException {
        json().writeValue(output, answer);
    }

    /** The event, decoded; throws when it cannot be. */
    protected abstract I read(byte[] event) throws IOException;

    /** The one call this function makes, and what it answers. */
    protected abstract O handle(I event);

    /**
     * What to answer to an event that cannot be read: by default nothing, the failure is thrown (and
     * logged) so that Lambda keeps the event; an HTTP function answers 400 instead.
     */
    protected O unreadable(Exception problem, int bytes) throws IOException {
        if (problem instanceof IOException io) {
            throw io;
        }
        throw (RuntimeException) problem;
    }
}
