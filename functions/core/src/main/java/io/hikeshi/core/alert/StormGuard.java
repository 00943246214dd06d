package io.hikeshi.core.alert;

import io.hikeshi.core.store.Counters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps one noisy source from opening hundreds of incidents: each source may open at most
 * {@code limit} incidents per fixed time window; beyond it, alerts are grouped onto one storm
 * incident for that source. Never drops an alert.
 *
 * <p>The count lives in the store (an atomic counter per source and window), so the limit holds
 * across Lambda instances. A retried opening may count twice: the guard errs on the strict side.
 */
public final class StormGuard {

    public static final String STORM_KEY_PREFIX = "storm:";

    private final Counters counters;
    private final Clock clock;
    private final int limit;
    private final Duration window;

    public StormGuard(Counters counters, Clock clock, int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("storm guard needs a limit >= 1 and a positive window");
        }
        this.counters = Objects.requireNonNull(counters, "counters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limit = limit;
        this.window = window;
    }

    /** A guard that never trips. */
    public static StormGuard unlimited(Counters counters) {
        // Never reads its clock: the unlimited guard counts nothing.
        return new StormGuard(counters, Clock.systemUTC(), Integer.MAX_VALUE, Duration.ofDays(1));
    }

    /** Counts one opening for {@code source}; true while the source is within its limit. */
    public boolean admitOpening(String source) {
        if (limit == Integer.MAX_VALUE) {
            return true;
        }
        long windowMillis = window.toMillis();
        long start = Math.floorDiv(clock.millis(), windowMillis) * windowMillis;
        Instant expires = Instant.ofEpochMilli(start).plus(window).plus(Duration.ofDays(1));
        return counters.increment("STORM#" + source + "#" + start, expires) <= limit;
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    /** The alert that stands for the storm of {@code source}: one incident gathers what is over the limit. */
    static Alert stormAlertFor(Alert original) {
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>(original.details());
        details.put("groupedAlertKey", original.key());
        details.put("groupedAlertName", original.name());
        return new Alert(original.source(), STORM_KEY_PREFIX + original.source(),
                "Alert storm from " + original.source(), Signal.TRIGGER, original.state(), original.at(),
                original.name() + ": " + original.summary(), original.service(), original.severity(), details);
    }

    static boolean isStormKey(String key) {
        return key.startsWith(STORM_KEY_PREFIX);
    }
}
