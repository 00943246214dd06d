package io.hikeshi.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Calls Slack politely: on 429 waits what Retry-After says, on 5xx and network errors backs off
 * exponentially, and gives up after a few tries by throwing, so the event is retried later (and
 * finally dead-lettered) with nothing half-recorded.
 */
public final class SlackCalls {

    /** A Slack call that may throw the SDK's exceptions. */
    public interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /** Slack stayed unavailable (or kept throttling) through every try. */
    public static final class SlackUnavailableException extends RuntimeException {
        SlackUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int maxAttempts;
    private final Duration maxWait;
    private final Duration firstBackoff;

    public SlackCalls(int maxAttempts, Duration firstBackoff, Duration maxWait) {
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxWait = maxWait;
    }

    public static SlackCalls standard() {
        return new SlackCalls(5, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** Runs the call; returns Slack's answer (which may be ok=false: the caller decides). */
    public <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        Exception last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return call.run();
            } catch (SlackApiException e) {
                last = e;
                int status = e.getResponse().code();
                if (status != 429 && status < 500) {
                    throw new IllegalStateException(method + " failed with HTTP " + status, e);
                }
                sleep(status == 429 ? retryAfter(e, attempt) : backoff(attempt));
            } catch (IOException e) {
                last = e;
                sleep(backoff(attempt));
            }
        }
        throw new SlackUnavailableException(method + " failed " + maxAttempts + " times; giving up for now", last);
    }

    /** Like {@link #call} but an ok=false answer is an error too. */
    public <T extends SlackApiTextResponse> T require(String method, Call<T> call) {
        T response = call(method, call);
        if (!response.isOk()) {
            throw new IllegalStateException(method + " failed: " + response.getError());
        }
        return response;
    }

    private Duration retryAfter(SlackApiException e, int attempt) {
        String header = e.getResponse().header("Retry-After");
        try {
            Duration wait = header == null ? backoff(attempt) : Duration.ofSeconds(Long.parseLong(header.trim()));
            return wait.compareTo(maxWait) > 0 ? maxWait : wait;
        } catch (NumberFormatException nfe) {
            return backoff(attempt);
        }
    }

    private Duration backoff(int attempt) {
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 10));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry Slack", ie);
        }
    }
}
