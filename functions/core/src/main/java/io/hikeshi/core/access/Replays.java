package io.hikeshi.core.access;

import io.hikeshi.core.store.Counters;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Signed requests are accepted once: a signature (unique per timestamp and body) seen before is a
 * replay. Each sighting is one atomic count, so two copies arriving together cannot both be first.
 */
public final class Replays {

    /** The counters' namespace; the table keeps it as {@code COUNTER#SLACKSIG#<signature>}. */
    private static final String SIGNATURE = "SLACKSIG#";

    private final Counters counters;
    private final Clock clock;

    public Replays(Counters counters, Clock clock) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a sighting of {@code signature} and says whether it was seen before.
     *
     * @param window how long a signature stays valid: it need not be remembered longer
     */
    public boolean seenBefore(String signature, Duration window) {
        return counters.increment(SIGNATURE + signature, clock.instant().plus(window)) > 1;
    }
}
