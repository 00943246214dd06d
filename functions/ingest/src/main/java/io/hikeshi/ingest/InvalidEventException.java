package io.hikeshi.ingest;

/**
 * What a monitor sent cannot be accepted; the message names the field and what was wrong with it.
 *
 * <p>Not a core {@code Refusal}: its words go back to a machine (an HTTP 400 body, a dead-lettered
 * event's error), in English, and never reach a person's Slack in their language.
 */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
