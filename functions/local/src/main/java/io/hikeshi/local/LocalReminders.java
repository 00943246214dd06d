package io.hikeshi.local;

import io.hikeshi.core.postmortem.ReminderScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * EventBridge Scheduler in local mode: one-time reminders held in memory, fired (and deleted, like
 * ActionAfterCompletion=DELETE) when the clock passes them. The clock can be moved forward, so a
 * reminder due in a week can be seen firing now: {@code POST /api/clock/advance?days=7}.
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

    private final MovableClock clock = new MovableClock();
    private final Map<String, Reminder> pending = new ConcurrentHashMap<>();
    private volatile Consumer<Reminder> target = r -> { };

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
        return due;
    }
}
