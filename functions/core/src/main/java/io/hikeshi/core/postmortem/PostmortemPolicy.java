package io.hikeshi.core.postmortem;

import io.hikeshi.core.calendar.BusinessCalendar;
import io.hikeshi.core.incident.Severity;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long a postmortem may take, by severity, in business days of the team's calendar (Monday to
 * Friday less its public holidays and extra days off), and when in the day reminders go out.
 * Defaults: SEV1 5, SEV2 7, SEV3 10, SEV4 15 business days, 10:00.
 */
public record PostmortemPolicy(Map<Severity, Integer> businessDays, LocalTime reminderTime, ZoneId zone,
                               BusinessCalendar calendar) {

    public PostmortemPolicy {
        Objects.requireNonNull(reminderTime, "reminderTime");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(calendar, "calendar");
        businessDays = Map.copyOf(businessDays);
        for (Severity s : Severity.values()) {
            if (!businessDays.containsKey(s) || businessDays.get(s) < 1) {
                throw new IllegalArgumentException("postmortem due days missing or below 1 for " + s);
            }
        }
    }

    /** Weekdays only, no holidays. */
    public PostmortemPolicy(Map<Severity, Integer> businessDays, LocalTime reminderTime, ZoneId zone) {
        this(businessDays, reminderTime, zone, BusinessCalendar.weekdays());
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
        return new PostmortemPolicy(businessDays, reminderTime, zone, otherCalendar);
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
