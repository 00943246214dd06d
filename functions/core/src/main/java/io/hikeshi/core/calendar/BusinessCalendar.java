package io.hikeshi.core.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The team's working days: Monday to Friday, less its country's public holidays and the extra days
 * off it configures (a year-end closure, a company holiday). Due dates and reminders count these, so
 * a reminder never lands on a Saturday or on a national holiday.
 *
 * <p>A country's holidays are bundled as {@code hikeshi/holidays/<CC>.tsv} (made by
 * {@code bin/lib/holiday_table.py}); beyond the years a table covers, only weekends are days off, which
 * {@link #covers} lets the wiring warn about.
 */
public final class BusinessCalendar {

    private static final String TABLES = "hikeshi/holidays/";

    private final String country;
    private final TreeSet<LocalDate> daysOff;
    private final LocalDate coveredUntil;

    private BusinessCalendar(String country, TreeSet<LocalDate> daysOff, LocalDate coveredUntil) {
        this.country = country;
        this.daysOff = daysOff;
        this.coveredUntil = coveredUntil;
    }

    /** Monday to Friday, no holidays. */
    public static BusinessCalendar weekdays() {
        return new BusinessCalendar(null, new TreeSet<>(), LocalDate.MAX);
    }

    /**
     * @param country       ISO 3166 code of a bundled table (e.g. {@code JP}), or null / blank / {@code none} for weekdays only
     * @param extraDaysOff  the team's own days off, beside the country's
     * @throws IllegalArgumentException for a country with no bundled table
     */
    public static BusinessCalendar of(String country, Collection<LocalDate> extraDaysOff) {
        Objects.requireNonNull(extraDaysOff, "extraDaysOff");
        boolean none = country == null || country.isBlank() || country.equalsIgnoreCase("none");
        BusinessCalendar calendar = none ? weekdays() : bundled(country.trim().toUpperCase(Locale.ROOT));
        calendar.daysOff.addAll(extraDaysOff);
        return calendar;
    }

    public boolean isBusinessDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !daysOff.contains(day);
    }

    /** The {@code n}th business day after {@code from} (n ≥ 0; 0 is {@code from} itself). */
    public LocalDate plusBusinessDays(LocalDate from, int n) {
        return step(from, n, 1);
    }

    /** The {@code n}th business day before {@code from} (n ≥ 0; 0 is {@code from} itself). */
    public LocalDate minusBusinessDays(LocalDate from, int n) {
        return step(from, n, -1);
    }

    /** Whether the bundled holidays reach {@code day} (always, for weekdays only). */
    public boolean covers(LocalDate day) {
        return !day.isAfter(coveredUntil);
    }

    /** The bundled table's country, or null. */
    public String country() {
        return country;
    }

    private LocalDate step(LocalDate from, int n, int direction) {
        if (n < 0) {
            throw new IllegalArgumentException("business days must be 0 or more: " + n);
        }
        LocalDate day = from;
        for (int counted = 0; counted < n; ) {
            day = day.plusDays(direction);
            if (isBusinessDay(day)) {
                counted++;
            }
        }
        return day;
    }

    private static BusinessCalendar bundled(String country) {
        InputStream table = BusinessCalendar.class.getClassLoader().getResourceAsStream(TABLES + country + ".tsv");
        if (table == null || !country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("no bundled holidays for \"" + country + "\" (bundled: JP; or none)");
        }
        TreeSet<LocalDate> days = new TreeSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(table, StandardCharsets.UTF_8))) {
            lines.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .forEach(l -> days.add(LocalDate.parse(l.substring(0, l.indexOf('\t')))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalDate until = days.isEmpty() ? LocalDate.MIN : days.last().withMonth(12).withDayOfMonth(31);
        return new BusinessCalendar(country, days, until);
    }

    /** Every day off this calendar knows of (holidays and extra days; not weekends), in order. */
    public Set<LocalDate> daysOff() {
        return Collections.unmodifiableSortedSet(daysOff);
    }
}
