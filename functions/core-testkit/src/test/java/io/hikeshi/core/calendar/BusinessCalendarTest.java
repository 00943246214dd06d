package io.hikeshi.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {

    private static final BusinessCalendar JAPAN = BusinessCalendar.of("JP", List.of());

    @ParameterizedTest(name = "{0} ({1}) is a day off in Japan")
    @CsvSource({
            "2026-01-01, 元日",
            "2026-02-23, 天皇誕生日",
            "2026-03-20, 春分の日",
            "2026-05-06, 振替休日 (憲法記念日 fell on a Sunday)",
            "2026-09-22, 国民の休日 (between two holidays)",
            "2026-09-23, 秋分の日",
            "2027-03-22, 振替休日 (春分の日 fell on a Sunday)",
            "2027-05-04, みどりの日",
    })
    void japansHolidays_substituteAndCitizensHolidaysIncluded_areNotBusinessDays(LocalDate day, String name) {
        // GIVEN a weekday that is a Japanese national holiday THEN it is not a business day
        assertFalse(day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY, name);
        assertFalse(JAPAN.isBusinessDay(day), name);
        // AND a calendar without holidays counts it
        assertTrue(BusinessCalendar.weekdays().isBusinessDay(day), name);
    }

    @Test
    void countingBusinessDays_skipsWeekendsHolidaysAndTheTeamsOwnDaysOff() {
        // GIVEN the team closes 2026-12-28 … 2027-01-04 besides Japan's 元日
        List<LocalDate> yearEnd = List.of(LocalDate.of(2026, 12, 28), LocalDate.of(2026, 12, 29), LocalDate.of(2026, 12, 30),
                LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 4));
        BusinessCalendar team = BusinessCalendar.of("jp", yearEnd);

        // WHEN one business day is counted from Friday 2026-12-25, and back from Tuesday 2027-01-05
        // THEN the closure, the weekend and New Year's Day are skipped both ways
        assertEquals(LocalDate.of(2027, 1, 5), team.plusBusinessDays(LocalDate.of(2026, 12, 25), 1));
        assertEquals(LocalDate.of(2026, 12, 25), team.minusBusinessDays(LocalDate.of(2027, 1, 5), 1));
        assertEquals(LocalDate.of(2026, 12, 25), team.plusBusinessDays(LocalDate.of(2026, 12, 25), 0));
        assertEquals("JP", team.country());
    }

    @Test
    void noCountry_meansWeekdaysOnly_andAnUnbundledCountryIsRefusedByName() {
        assertNull(BusinessCalendar.of("none", List.of()).country());
        assertNull(BusinessCalendar.of(" ", List.of()).country());
        assertTrue(BusinessCalendar.of(null, List.of()).isBusinessDay(LocalDate.of(2026, 9, 22)));

        var refused = assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of("XX", List.of()));
        assertTrue(refused.getMessage().contains("\"XX\""), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of("../JP", List.of()));
        assertThrows(IllegalArgumentException.class, () -> JAPAN.plusBusinessDays(LocalDate.of(2026, 1, 5), -1));
    }

    @Test
    void theBundledTable_saysHowFarItReaches() {
        // The table covers 2025-2035: a deployment meant to run later regenerates it (bin/lib/holiday_table.py)
        assertTrue(JAPAN.covers(LocalDate.of(2035, 12, 31)));
        assertFalse(JAPAN.covers(LocalDate.of(2036, 1, 1)));
        assertTrue(BusinessCalendar.weekdays().covers(LocalDate.of(2100, 1, 1)));
        // 16 holidays a year or so, every one of them a date in the covered years
        assertTrue(JAPAN.daysOff().size() > 10 * 15, "days off: " + JAPAN.daysOff().size());
    }
}
