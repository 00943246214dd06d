package io.hikeshi.bench;

import io.hikeshi.core.postmortem.ReminderScheduler;

/** For benchmarks that draft postmortems but measure nothing of Scheduler: reminders go nowhere. */
public final class NoReminders implements ReminderScheduler {

    public static final ReminderScheduler INSTANCE = new NoReminders();

    private NoReminders() { }

    @Override
    public void schedule(Reminder reminder) { }

    @Override
    public void cancel(String reminderId) { }
}
