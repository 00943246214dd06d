package io.hikeshi.core.store;

import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential pause between retries of a conflicted commit, so racing writers spread out. */
public final class Backoff {

    private static final long CEILING_MILLIS = 200;

    private Backoff() { }

    /** Sleeps up to 2^attempt ms (at most 200 ms), at random; false if interrupted. */
    public static boolean pause(int attempt) {
        long ceiling = Math.min(CEILING_MILLIS, 2L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
