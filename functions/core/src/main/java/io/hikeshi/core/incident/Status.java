package io.hikeshi.core.incident;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The incident lifecycle: triggered → acknowledged → investigating → mitigated → resolved.
 *
 * <p>Moving forward may skip steps (an alarm can recover before anyone acknowledges it).
 * The only way back is mitigated → investigating, when the fix did not hold.
 * Resolved is final: a new alert opens a new incident.
 */
public enum Status {
    TRIGGERED,
    ACKNOWLEDGED,
    INVESTIGATING,
    MITIGATED,
    RESOLVED;

    public boolean isOpen() {
        return this != RESOLVED;
    }

    /** Its name for people, in the catalogue ({@code status.acknowledged} …). */
    public io.hikeshi.core.i18n.Text text() {
        return io.hikeshi.core.i18n.Text.of("status." + name().toLowerCase(java.util.Locale.ROOT));
    }

    public Set<Status> next() {
        return switch (this) {
            case TRIGGERED -> EnumSet.of(ACKNOWLEDGED, INVESTIGATING, MITIGATED, RESOLVED);
            case ACKNOWLEDGED -> EnumSet.of(INVESTIGATING, MITIGATED, RESOLVED);
            case INVESTIGATING -> EnumSet.of(MITIGATED, RESOLVED);
            case MITIGATED -> EnumSet.of(INVESTIGATING, RESOLVED);
            case RESOLVED -> EnumSet.noneOf(Status.class);
        };
    }

    public boolean canMoveTo(Status target) {
        return next().contains(target);
    }

    public static Status parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown status '" + text + "' (expected one of "
                    + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT) + ")");
        }
    }
}
