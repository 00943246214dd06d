package io.hikeshi.core.event;

import java.time.Instant;

/**
 * Side effects done once (a Slack post, a notification, a reminder spoken): recorded after they
 * succeed, so a retried event resumes where it stopped instead of repeating them.
 */
public interface SideEffectLedger {

    boolean isDone(String step);

    /** Records a side effect as done, remembered until {@code expiresAt}. */
    void markDone(String step, Instant expiresAt);
}
