package io.hikeshi.core.testkit;

import io.hikeshi.core.store.Counters;
import java.time.Instant;

/** {@link Counters} in memory; nothing expires within a test. */
final class InMemoryCounters implements Counters {

    private final Tables t;

    InMemoryCounters(Tables tables) {
        this.t = tables;
    }

    @Override
    public long increment(String counter, Instant expiresAt) {
        synchronized (t) {
            return t.counters.merge(counter, 1L, Long::sum);
        }
    }
}
