package io.hikeshi.core.alert;

import io.hikeshi.core.Refusal;

/** The store kept reporting conflicts; nothing was written, and the request or delivery may be retried. */
public class StoreContentionException extends Refusal {

    /** @param what what kept changing, e.g. an incident id or an alert key */
    public StoreContentionException(String what) {
        super("refusal.busy", what);
    }
}
