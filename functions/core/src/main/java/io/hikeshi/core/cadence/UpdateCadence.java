package io.hikeshi.core.cadence;

import io.hikeshi.core.incident.Severity;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How often the war room expects a status update, by severity: the worse the incident, the shorter the
 * silence before its commander is nudged. A severity without an interval is never nudged.
 *
 * @param intervals the interval for each severity that has one (the others are off)
 */
public record UpdateCadence(Map<Severity, Duration> intervals) {

    /** What the team lives with unless it says otherwise: SEV1 every 15 minutes, SEV2 30, SEV3 60, SEV4 off. */
    public static final String DEFAULTS = "SEV1=15,SEV2=30,SEV3=60,SEV4=off";

    private static final String OFF = "off";
    /** A week: longer than any incident anyone waits on for a status update, short enough to catch a typo. */
    private static final int MAX_MINUTES = 7 * 24 * 60;

    public UpdateCadence {
        intervals.values().forEach(interval -> {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("an update interval must be longer than zero, was " + interval);
            }
        });
        intervals = intervals.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(intervals));
    }

    public static UpdateCadence defaults() {
        return parse(null);
    }

    /**
     * The defaults, with the severities {@code text} names changed: {@code SEV1=10,SEV3=off} (minutes, or {@code off}).
     *
     * @param text null or blank for the defaults
     * @throws IllegalArgumentException naming the part that does not parse and why
     */
    public static UpdateCadence parse(String text) {
        Map<Severity, Duration> intervals = new EnumMap<>(Severity.class);
        apply(read(DEFAULTS), intervals);
        if (text != null && !text.isBlank()) {
            apply(read(text), intervals);
        }
        return new UpdateCadence(intervals);
    }

    private static void apply(Map<Severity, Optional<Duration>> named, Map<Severity, Duration> intervals) {
        named.forEach((severity, interval) -> interval.ifPresentOrElse(i -> intervals.put(severity, i),
                () -> intervals.remove(severity)));
    }

    /** {@code SEV1=15,SEV4=off}: each severity named once, with minutes or off (empty). */
    private static Map<Severity, Optional<Duration>> read(String text) {
        Map<Severity, Optional<Duration>> named = new EnumMap<>(Severity.class);
        for (String part : text.split(",", -1)) {
            String pair = part.strip();
            String[] kv = pair.split("=", -1);
            if (kv.length != 2) {
                throw refused(pair, "it is not SEVERITY=MINUTES");
            }
            Severity severity = severity(kv[0].strip(), pair);
            String value = kv[1].strip();
            Optional<Duration> interval = value.equalsIgnoreCase(OFF) ? Optional.empty()
                    : Optional.of(Duration.ofMinutes(minutes(value, pair)));
            if (named.put(severity, interval) != null) {
                throw refused(pair, severity + " is named twice");
            }
        }
        return named;
    }

    private static Severity severity(String name, String pair) {
        if (!name.toUpperCase(Locale.ROOT).matches("SEV[1-4]")) {
            throw refused(pair, "'" + name + "' is not SEV1, SEV2, SEV3 or SEV4");
        }
        return Severity.parse(name);
    }

    private static int minutes(String value, String pair) {
        int minutes;
        try {
            minutes = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw refused(pair, "'" + value + "' is neither a number of minutes nor off");
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw refused(pair, "minutes must be 1 to " + MAX_MINUTES + " (a week), or off");
        }
        return minutes;
    }

    private static IllegalArgumentException refused(String pair, String why) {
        return new IllegalArgumentException("must look like " + DEFAULTS + " (minutes, or off); '" + pair + "' does not: " + why);
    }

    /** The silence after which this severity's commander is nudged; empty when it is never nudged. */
    public Optional<Duration> interval(Severity severity) {
        return Optional.ofNullable(intervals.get(severity));
    }
}
