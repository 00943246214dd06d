package io.hikeshi.core.postmortem;

import java.time.Instant;

/**
 * The port to one-time reminders (EventBridge Scheduler schedules in AWS; an in-process scheduler
 * with a clock that can be moved forward in local mode): a postmortem's, and the nudges of the update cadence.
 */
public interface ReminderScheduler {

    /**
     * Schedules {@code reminder} at its time; scheduling the same reminder id again replaces or
     * keeps it (idempotent).
     */
    void schedule(Reminder reminder);

    /** Deletes a pending reminder; deleting one that fired or never existed is fine. */
    void cancel(String reminderId);

    /**
     * What a reminder carries: everything the reminder function needs to find the postmortem, and
     * nothing it could trust instead of re-reading it.
     *
     * @param id   stable: {@code pm-INC-0042-due}
     * @param kind before the due date (to the owner), on it (war room), after it (escalation); or
     *             {@link Kind#NUDGE}, the war room's update cadence ({@code nudge-INC-0042}, core {@code cadence/})
     */
    record Reminder(String id, String incident, Kind kind, Instant at) { }

    enum Kind {
        BEFORE_DUE, DUE, OVERDUE,
        /** No status update for a while: the war room's commander is nudged (not a postmortem's reminder). */
        NUDGE
    }
}
