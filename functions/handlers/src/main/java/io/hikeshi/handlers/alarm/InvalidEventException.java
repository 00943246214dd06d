package io.hikeshi.handlers.alarm;

/** An event Hikeshi cannot accept; the message names the field and what was wrong with it. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
