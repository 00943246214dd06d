package io.hikeshi.core.store;

/** How a {@link Change} ended. Nothing is written unless it is {@link #COMMITTED}. */
public enum CommitResult {
    COMMITTED,
    /** The delivery id was committed before: a redelivery, ignored. */
    DUPLICATE,
    /** Something changed since it was read (a version, a claimed alert, a closed incident): re-read and retry. */
    CONFLICT
}
