package io.hikeshi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Local mode's weekly digest: it fires when the movable clock passes Monday 09:00 in the team's zone, as
 * EventBridge Scheduler's cron does in AWS. Times are taken from the clock's now (it runs with real time).
 */
class LocalDigestScheduleTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final LocalReminders reminders = new LocalReminders();
    private final AtomicInteger digests = new AtomicInteger();

    /** How long until the next Monday 09:00 in Tokyo, from the clock's now. */
    private Duration untilMonday0900InTokyo() {
        ZonedDateTime now = reminders.clock().instant().atZone(TOKYO);
        ZonedDateTime monday = now.toLocalDate().with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
                .atTime(LocalTime.of(9, 0)).atZone(TOKYO);
        return Duration.between(now, monday.isAfter(now) ? monday : monday.plusWeeks(1));
    }

    @Test
    void theDigest_firesWhenTheClockPassesMonday0900InTheTeamsZone_andNotBefore() {
        // GIVEN the digest scheduled for Mondays 09:00 in Tokyo
        reminders.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), TOKYO, digests::incrementAndGet);
        Duration until = untilMonday0900InTokyo();

        // WHEN the clock moves to a minute before, then past it, then the due work is looked at again
        reminders.advance(until.minusMinutes(1));
        int before = digests.get();
        reminders.advance(Duration.ofMinutes(2));
        reminders.fireDue();

        // THEN nothing before 09:00, and one digest after it
        assertEquals(0, before);
        assertEquals(1, digests.get());
    }

    @Test
    void theNextMonday_firesAgain_andAJumpOverSeveralMondays_firesOnce() {
        // GIVEN the digest scheduled, and the clock just past a Monday 09:00 in Tokyo
        reminders.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), TOKYO, digests::incrementAndGet);
        reminders.advance(untilMonday0900InTokyo().plusMinutes(1));

        // WHEN a week passes, then three weeks at once
        reminders.advance(Duration.ofDays(7));
        int afterAWeek = digests.get();
        reminders.advance(Duration.ofDays(21));

        // THEN each Monday passed one at a time gave a digest; the jump gave one more (of now), not three
        assertEquals(2, afterAWeek);
        assertEquals(3, digests.get());
    }
}
