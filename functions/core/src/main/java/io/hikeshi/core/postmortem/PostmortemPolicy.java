package io.hikeshi.core.postmortem;

import io.hikeshi.core.calendar.BusinessCalendar;
import io.hikeshi.core.incident.Severity;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an incident needs a postmortem, by severity, how long one may take, in business days of the team's
 * calendar (Monday to Friday less its public holidays and extra days off), and when in the day reminders go out.
 * Defaults: SEV1–SEV3 required, SEV4 optional; SEV1 5, SEV2 7, SEV3 10, SEV4 15 business days; 10:00.
 */
public record PostmortemPolicy(Map<Severity, Integer> businessDays, LocalTime reminderTime, ZoneId zone,
                               BusinessCalendar calendar, Map<Severity, Requirement> requirements) {

    /** What the team asks of an incident of a severity once it is resolved. */
    public enum Requirement {
        /** Drafted on resolve, reminded until complete, in the overdue digest. */
        REQUIRED,
        /** Drafted on resolve for whoever wants to write it; never reminded, never overdue. */
        OPTIONAL,
        /** Not drafted at all; the timeline says so. */
        NONE;

        /** The name used in configuration, e.g. {@code optional}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Map<Severity, Requirement> DEFAULT_REQUIREMENTS = Map.of(Severity.SEV1, Requirement.REQUIRED,
            Severity.SEV2, Requirement.REQUIRED, Severity.SEV3, Requirement.REQUIRED, Severity.SEV4, Requirement.OPTIONAL);

    public PostmortemPolicy {
        Objects.requireNonNull(reminderTime, "reminderTime");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(calendar, "calendar");
        businessDays = Map.copyOf(businessDays);
        requirements = Map.copyOf(requirements);
        for (Severity s : Severity.values()) {
            if (!businessDays.containsKey(s) || businessDays.get(s) < 1) {
                throw new IllegalArgumentException("postmortem due days missing or below 1 for " + s);
            }
            if (!requirements.containsKey(s)) {
                throw new IllegalArgumentException("postmortem requirement missing for " + s);
            }
        }
    }

    /** The default requirements (SEV1–SEV3 required, SEV4 optional). */
    public PostmortemPolicy(Map<Severity, Integer> businessDays, LocalTime reminderTime, ZoneId zone,
                            BusinessCalendar calendar) {
        this(businessDays, reminderTime, zone, calendar, DEFAULT_REQUIREMENTS);
    }

    /** Weekdays only, no holidays. */
    public PostmortemPolicy(Map<Severity, Integer> businessDays, LocalTime reminderTime, ZoneId zone) {
        this(businessDays, reminderTime, zone, BusinessCalendar.weekdays());
    }

    /** What the team asks of a resolved incident of this severity. */
    public Requirement requirement(Severity severity) {
        return requirements.get(severity);
    }

    /** The same policy with these requirements ({@link #parseRequirements} gives a complete set). */
    public PostmortemPolicy requiring(Map<Severity, Requirement> newRequirements) {
        return new PostmortemPolicy(businessDays, reminderTime, zone, calendar, newRequirements);
    }

    /**
     * The requirements a setting names, the severities it does not name keeping their defaults.
     *
     * @param spec e.g. {@code SEV1=required,SEV2=required,SEV3=optional,SEV4=none}; null or blank: the defaults
     * @throws IllegalArgumentException naming the part that is not {@code SEV<n>=required|optional|none}
     */
    public static Map<Severity, Requirement> parseRequirements(String spec) {
        Map<Severity, Requirement> parsed = new EnumMap<>(DEFAULT_REQUIREMENTS);
        if (spec == null || spec.isBlank()) {
            return parsed;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=", -1);
            try {
                if (kv.length != 2) {
                    throw new IllegalArgumentException(part);
                }
                parsed.put(Severity.parse(kv[0]), Requirement.valueOf(kv[1].strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not SEV<1-4>=required|optional|none"
                        + " (e.g. SEV1=required,SEV2=required,SEV3=required,SEV4=optional)");
            }
        }
        return parsed;
    }

    public static PostmortemPolicy defaults(ZoneId zone) {
        Map<Severity, Integer> days = new EnumMap<>(Severity.class);
        days.put(Severity.SEV1, 5);
        days.put(Severity.SEV2, 7);
        days.put(Severity.SEV3, 10);
        days.put(Severity.SEV4, 15);
        return new PostmortemPolicy(days, LocalTime.of(10, 0), zone);
    }

    /** The same policy on another calendar. */
    public PostmortemPolicy on(BusinessCalendar otherCalendar) {
        return new PostmortemPolicy(businessDays, reminderTime, zone, otherCalendar, requirements);
    }

    /** The due date: {@code n} business days after the day it resolved. */
    public LocalDate dueDate(LocalDate resolvedOn, Severity severity) {
        return calendar.plusBusinessDays(resolvedOn, businessDays.get(severity));
    }

    /** The day a reminder {@code offset} business days from the due date goes out (negative: before it). */
    public LocalDate reminderDay(LocalDate due, int offset) {
        return offset < 0 ? calendar.minusBusinessDays(due, -offset) : calendar.plusBusinessDays(due, offset);
    }
}
