package io.hikeshi.local;

import io.hikeshi.core.postmortem.ReminderScheduler;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * EventBridge Scheduler in local mode: one-time reminders held in memory, fired (and deleted, like
 * ActionAfterCompletion=DELETE) when the clock passes them. The clock can be moved forward, so a
 * reminder due in a week can be seen firing now: {@code POST /api/clock/advance?days=7}. The weekly digest
 * is a recurring schedule here, as EventBridge Scheduler's cron is in AWS.
 */
final class LocalReminders implements ReminderScheduler {

    /** A clock that runs with the system clock, plus an offset that only grows. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.offset(Clock.system(zone), offset);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        Duration offset() {
            return offset;
        }
    }

    /**
     * A recurring schedule, like the digest's {@code cron(0 9 ? * MON *)}: a day of the week and a time in a
     * zone, and the next time it is due.
     */
    private record Weekly(DayOfWeek day, LocalTime time, ZoneId zone, Runnable target, Instant next) {
        Weekly after(Instant now) {
            ZonedDateTime local = now.atZone(zone);
            ZonedDateTime at = local.toLocalDate().with(TemporalAdjusters.nextOrSame(day)).atTime(time).atZone(zone);
            return new Weekly(day, time, zone, target, at.isAfter(local) ? at.toInstant() : at.plusWeeks(1).toInstant());
        }
    }

    private final MovableClock clock = new MovableClock();
    private final Map<String, Reminder> pending = new ConcurrentHashMap<>();
    private volatile Consumer<Reminder> target = r -> { };
    private volatile Weekly weekly;

    Clock clock() {
        return clock;
    }

    /** How far the clock has been moved ahead of real time. */
    Duration moved() {
        return clock.offset();
    }

    /** Where fired reminders go (the same notices the reminder function sends). */
    void target(Consumer<Reminder> target) {
        this.target = target;
    }

    /**
     * Runs {@code target} each time the clock passes {@code day} at {@code time} in {@code zone} (the weekly
     * digest). Moving the clock over several such times runs it once: what it says is of now.
     */
    void weekly(DayOfWeek day, LocalTime time, ZoneId zone, Runnable target) {
        weekly = new Weekly(day, time, zone, target, null).after(clock.instant());
    }

    @Override
    public void schedule(Reminder reminder) {
        pending.put(reminder.id(), reminder);
    }

    @Override
    public void cancel(String reminderId) {
        pending.remove(reminderId);
    }

    List<Reminder> pending() {
        return pending.values().stream().sorted(Comparator.comparing(Reminder::at)).toList();
    }

    /** Moves the clock and fires, in time order, every reminder now due. */
    synchronized List<Reminder> advance(Duration by) {
        clock.advance(by);
        return fireDue();
    }

    synchronized List<Reminder> fireDue() {
        List<Reminder> due = pending().stream().filter(r -> !r.at().isAfter(clock.instant())).toList();
        for (Reminder r : due) {
            pending.remove(r.id());
            target.accept(r);
        }
        Weekly recurring = weekly;
        if (recurring != null && !recurring.next().isAfter(clock.instant())) {
            weekly = recurring.after(clock.instant());
            recurring.target().run();
        }
        return due;
    }
}
