package io.hikeshi.core.store;

import java.time.Instant;

/** Atomic counters: the storm guard's windows, the Slack replay guard's signatures. */
public interface Counters {

    /**
     * Adds one to a named counter and returns the new value; a counter not seen before starts at
     * zero. The counter may be forgotten after {@code expiresAt}.
     */
    long increment(String counter, Instant expiresAt);
}
