package io.hikeshi.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Calls Slack politely. A 429 is Slack saying when to come back: the call waits what Retry-After says (plus a little
 * jitter, so callers throttled together do not all return in the same instant) and tries again, for as long as its
 * rate-limit patience lasts; an alert storm's war rooms queue up behind Slack's tiers this way instead of failing.
 * 5xx and network errors back off exponentially for a few tries. Past either, the call throws, so the event is retried
 * later (and finally dead-lettered) with nothing half-recorded.
 */
public final class SlackCalls {

    /** A Slack call that may throw the SDK's exceptions. */
    public interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /** How a call waits before trying again: the thread sleeps, or a test moves its clock instead. */
    @FunctionalInterface
    public interface Pause {
        void await(Duration wait) throws InterruptedException;
    }

    /** Slack stayed unavailable (or kept throttling) through every try. */
    public static final class SlackUnavailableException extends RuntimeException {
        SlackUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * How long a call keeps honouring 429s in all, by default: well inside the war-room function's 120-second
     * timeout, and long enough for a Tier 2 method (20 calls a minute) to serve a queue of twenty callers.
     */
    public static final Duration RATE_LIMIT_PATIENCE = Duration.ofSeconds(60);

    private static final Pause SLEEP = wait -> Thread.sleep(wait.toMillis());
    /** Up to this much is added to a Retry-After, never more than the Retry-After itself. */
    private static final Duration MAX_JITTER = Duration.ofSeconds(2);

    private final int maxAttempts;
    private final Duration maxWait;
    private final Duration firstBackoff;
    private final Duration rateLimitPatience;
    private final Pause pause;
    /** Jitter in milliseconds, given the bound (exclusive): random; a test may fix it. */
    private final LongUnaryOperator jitterMillis;

    /**
     * @param maxAttempts  tries in all for 5xx and network errors
     * @param firstBackoff the first wait after one of those; doubled each time
     * @param maxWait      no single wait is longer; a Retry-After beyond it ends the call (Slack means it)
     */
    public SlackCalls(int maxAttempts, Duration firstBackoff, Duration maxWait) {
        this(maxAttempts, firstBackoff, maxWait, RATE_LIMIT_PATIENCE, SLEEP,
                bound -> bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound));
    }

    private SlackCalls(int maxAttempts, Duration firstBackoff, Duration maxWait, Duration rateLimitPatience, Pause pause,
                       LongUnaryOperator jitterMillis) {
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxWait = maxWait;
        this.rateLimitPatience = rateLimitPatience;
        this.pause = pause;
        this.jitterMillis = jitterMillis;
    }

    /** Five tries for errors; 429s honoured for up to {@link #RATE_LIMIT_PATIENCE} (a Retry-After of at most 30 s). */
    public static SlackCalls standard() {
        return new SlackCalls(5, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** The same, waiting with {@code pause} instead of sleeping (a benchmark's or a test's clock). */
    public SlackCalls pausingWith(Pause pause) {
        return new SlackCalls(maxAttempts, firstBackoff, maxWait, rateLimitPatience, pause, jitterMillis);
    }

    /** The same, honouring 429s for {@code patience} in all per call ({@link Duration#ZERO}: never). */
    public SlackCalls rateLimitPatience(Duration patience) {
        return new SlackCalls(maxAttempts, firstBackoff, maxWait, patience, pause, jitterMillis);
    }

    /** The same, with jitter from {@code jitterMillis} (given an exclusive bound in ms) instead of a random one. */
    public SlackCalls jitter(LongUnaryOperator jitterMillis) {
        return new SlackCalls(maxAttempts, firstBackoff, maxWait, rateLimitPatience, pause, jitterMillis);
    }

    /** Runs the call; returns Slack's answer (which may be ok=false: the caller decides). */
    public <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        Exception last = null;
        int failures = 0;
        Duration throttledFor = Duration.ZERO;
        while (true) {
            try {
                return call.run();
            } catch (SlackApiException e) {
                last = e;
                int status = e.getResponse().code();
                if (status == 429) {
                    Duration wait = retryAfter(e);
                    if (wait == null || throttledFor.plus(wait).compareTo(rateLimitPatience) > 0) {
                        throw new SlackUnavailableException(method + " still rate-limited after waiting "
                                + throttledFor.toSeconds() + " s (Retry-After " + e.getResponse().header("Retry-After")
                                + "); giving up for now", e);
                    }
                    throttledFor = throttledFor.plus(wait);
                    sleep(wait);
                    continue;
                }
                if (status < 500) {
                    throw new IllegalStateException(method + " failed with HTTP " + status, e);
                }
            } catch (IOException e) {
                last = e;
            }
            if (++failures >= maxAttempts) {
                throw new SlackUnavailableException(method + " failed " + maxAttempts + " times; giving up for now", last);
            }
            sleep(backoff(failures));
        }
    }

    /** Like {@link #call} but an ok=false answer is an error too. */
    public <T extends SlackApiTextResponse> T require(String method, Call<T> call) {
        T response = call(method, call);
        if (!response.isOk()) {
            throw new IllegalStateException(method + " failed: " + response.getError());
        }
        return response;
    }

    /**
     * Retry-After (whole seconds; without one, a second) plus jitter of up to itself (at most 2 s), never more than
     * {@code maxWait}; null when Slack asks for more than {@code maxWait}: coming back sooner would only be refused.
     */
    private Duration retryAfter(SlackApiException e) {
        String header = e.getResponse().header("Retry-After");
        Duration after;
        try {
            after = header == null ? Duration.ofSeconds(1) : Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException nfe) {
            after = Duration.ofSeconds(1);
        }
        if (after.compareTo(maxWait) > 0) {
            return null;
        }
        long bound = Math.min(after.toMillis(), MAX_JITTER.toMillis());
        Duration wait = after.plusMillis(jitterMillis.applyAsLong(bound));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    private Duration backoff(int failures) {
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(failures - 1, 10));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    private void sleep(Duration d) {
        try {
            pause.await(d);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry Slack", ie);
        }
    }
}
