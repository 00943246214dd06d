package io.hikeshi.slackstub;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to: give it to {@link SlackApiStub.Builder#clock} and a test (or a benchmark)
 * decides when Slack's rate-limit windows pass, without sleeping.
 */
public final class ManualClock implements InstantSource {

    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves the clock forward (a negative duration is refused: Slack's windows never run backwards). */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("cannot move the clock back: " + by);
        }
        now.updateAndGet(t -> t.plus(by));
    }
}
