package io.hikeshi.core.postmortem;

import io.hikeshi.core.incident.Severity;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long a postmortem may take, by severity, in business days (Monday to Friday), and when in
 * the day reminders go out. Defaults: SEV1 5, SEV2 7, SEV3 10, SEV4 15 business days, 10:00.
 */
public record PostmortemPolicy(Map<Severity, Integer> businessDays, LocalTime reminderTime, ZoneId zone) {

    public PostmortemPolicy {
        Objects.requireNonNull(reminderTime, "reminderTime");
        Objects.requireNonNull(zone, "zone");
        businessDays = Map.copyOf(businessDays);
        for (Severity s : Severity.values()) {
            if (!businessDays.containsKey(s) || businessDays.get(s) < 1) {
                throw new IllegalArgumentException("postmortem due days missing or below 1 for " + s);
            }
        }
    }

    public static PostmortemPolicy defaults(ZoneId zone) {
        Map<Severity, Integer> days = new EnumMap<>(Severity.class);
        days.put(Severity.SEV1, 5);
        days.put(Severity.SEV2, 7);
        days.put(Severity.SEV3, 10);
        days.put(Severity.SEV4, 15);
        return new PostmortemPolicy(days, LocalTime.of(10, 0), zone);
    }

    /** The due date: {@code n} business days after the day it resolved. */
    public LocalDate dueDate(LocalDate resolvedOn, Severity severity) {
        return addBusinessDays(resolvedOn, businessDays.get(severity));
    }

    static LocalDate addBusinessDays(LocalDate from, int days) {
        LocalDate d = from;
        int added = 0;
        while (added < days) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                added++;
            }
        }
        return d;
    }

    static LocalDate minusBusinessDays(LocalDate from, int days) {
        LocalDate d = from;
        int removed = 0;
        while (removed < days) {
            d = d.minusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                removed++;
            }
        }
        return d;
    }
}
