package io.hikeshi.core.access;

import io.hikeshi.core.event.SideEffectLedger;
import io.hikeshi.core.store.Counters;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Signed requests are accepted once: a signature (unique per timestamp and body) seen before is a
 * replay. Each sighting is one atomic count, so two copies arriving together cannot both be first.
 *
 * <p>Deliveries that a sender retries with a fresh signature (Slack's Events API retries) are
 * recognised by their own id instead: {@link #handled} before processing, {@link #recordHandled}
 * after it succeeded.
 */
public final class Replays {

    /** The counters' namespace; the table keeps it as {@code COUNTER#SLACKSIG#<signature>}. */
    private static final String SIGNATURE = "SLACKSIG#";
    /** The ledger's namespace for handled deliveries ({@code DONE#slack-event:<event id>}). */
    private static final String DELIVERY = "slack-event:";

    private final Counters counters;
    private final SideEffectLedger ledger;
    private final Clock clock;

    public Replays(Counters counters, SideEffectLedger ledger, Clock clock) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
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

    /** Whether a delivery with this id was handled to the end already. */
    public boolean handled(String deliveryId) {
        return ledger.isDone(DELIVERY + deliveryId);
    }

    /**
     * Records that a delivery was handled, once it succeeded: a failed attempt records nothing, so
     * its retry is handled in full.
     *
     * @param keepFor how long retries of it may still arrive
     */
    public void recordHandled(String deliveryId, Duration keepFor) {
        ledger.markDone(DELIVERY + deliveryId, clock.instant().plus(keepFor));
    }
}
