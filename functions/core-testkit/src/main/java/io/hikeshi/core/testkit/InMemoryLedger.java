package io.hikeshi.core.testkit;

import io.hikeshi.core.event.SideEffectLedger;
import java.time.Instant;

/** {@link SideEffectLedger} in memory; nothing expires within a test. */
final class InMemoryLedger implements SideEffectLedger {

    private final Tables t;

    InMemoryLedger(Tables tables) {
        this.t = tables;
    }

    @Override
    public boolean isDone(String step) {
        synchronized (t) {
            return t.done.contains(step);
        }
    }

    @Override
    public void markDone(String step, Instant expiresAt) {
        synchronized (t) {
            t.done.add(step);
        }
    }
}
