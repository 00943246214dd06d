package io.hikeshi.core.alert;

/** The store kept reporting conflicts; nothing was written, and the delivery may be retried. */
public class StoreContentionException extends RuntimeException {
    public StoreContentionException(String message) {
        super(message);
    }
}
