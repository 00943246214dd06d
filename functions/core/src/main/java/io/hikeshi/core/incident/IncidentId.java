package io.hikeshi.core.incident;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short, human-readable incident number such as {@code INC-0042}.
 * Numbers come from a single atomic counter in the store, so they never collide;
 * a number can be skipped when two openings race and one loses.
 */
public record IncidentId(long number) implements Comparable<IncidentId> {

    private static final Pattern FORMAT = Pattern.compile("(?i)INC-(\\d{1,12})");

    public IncidentId {
        if (number < 1) {
            throw new IllegalArgumentException("incident number must be positive, was " + number);
        }
    }

    /** Parses {@code INC-42} or {@code INC-0042} (case-insensitive). */
    public static IncidentId parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an incident id (expected INC-0042): " + text);
        }
        return new IncidentId(Long.parseLong(m.group(1)));
    }

    @Override
    public String toString() {
        return String.format("INC-%04d", number);
    }

    @Override
    public int compareTo(IncidentId other) {
        return Long.compare(number, other.number);
    }
}
