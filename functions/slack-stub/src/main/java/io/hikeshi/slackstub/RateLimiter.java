package io.hikeshi.slackstub;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Slack's per-method rate-limit tiers on a clock the caller controls. Each bucket lets a burst through at once and
 * then one call per interval (a tier's minute divided by its calls; one second per channel for chat.postMessage),
 * kept as a theoretical arrival time in whole nanoseconds so that a test moving the clock by exactly the interval
 * always gets exactly one more call. A refused call takes nothing from its bucket.
 */
final class RateLimiter {

    /** A bucket's shape: the calls let through at once, and the nanoseconds each further call must wait. */
    record Limit(Rule rule, int burst, long intervalNanos) {}

    /** A refusal: the rule that refused and the whole seconds to wait (Slack's Retry-After). */
    record Throttle(Rule rule, long retryAfterSeconds) {}

    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final Map<String, Limit> TIERS = new HashMap<>();

    static {
        tier(Rules.RATE_TIER_2, 20);
        tier(Rules.RATE_TIER_3, 50);
        tier(Rules.RATE_TIER_4, 100);
    }

    private static void tier(Rule rule, int perMinute) {
        for (String method : rule.methods()) {
            TIERS.put(method, new Limit(rule, perMinute, MINUTE_NANOS / perMinute));
        }
    }

    private final InstantSource clock;
    private final Limit postMessage;
    /** Per bucket, the time at which it would next be empty of waiting: the generic cell rate algorithm. */
    private final Map<String, Long> theoreticalArrival = new HashMap<>();

    RateLimiter(InstantSource clock, int postMessageBurst) {
        this.clock = clock;
        this.postMessage = new Limit(Rules.RATE_POST_MESSAGE, postMessageBurst, 1_000_000_000L);
    }

    /** Takes one call from the bucket of {@code method} (per {@code channel} for chat.postMessage); null if it may go. */
    synchronized Throttle acquire(String method, String channel) {
        boolean perChannel = "chat.postMessage".equals(method);
        Limit limit = perChannel ? postMessage : TIERS.get(method);
        if (limit == null) {
            return null;
        }
        String key = perChannel ? method + "#" + (channel == null ? "" : channel) : method;
        long now = nanos(clock.instant());
        long tat = Math.max(theoreticalArrival.getOrDefault(key, now), now);
        long tolerance = (limit.burst() - 1) * limit.intervalNanos();
        long early = tat - now - tolerance;
        if (early > 0) {
            return new Throttle(limit.rule(), Math.max(1, (early + 999_999_999L) / 1_000_000_000L));
        }
        theoreticalArrival.put(key, tat + limit.intervalNanos());
        return null;
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
