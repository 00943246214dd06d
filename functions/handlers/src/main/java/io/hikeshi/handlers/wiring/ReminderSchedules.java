package io.hikeshi.handlers.wiring;

import io.hikeshi.aws.scheduler.SchedulerReminderScheduler;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.handlers.lambda.Settings;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** Postmortem reminders as EventBridge Scheduler schedules, for the functions that schedule or cancel them. */
public final class ReminderSchedules {

    private ReminderSchedules() { }

    /** Where {@link Settings#reminders()} names a target; otherwise asking for a reminder is a wiring mistake. */
    public static ReminderScheduler inAws(Settings settings) {
        Settings.Reminders r = settings.reminders();
        if (r == null) {
            return Composition.NOT_SCHEDULING;
        }
        return new SchedulerReminderScheduler(AwsClients.build(SchedulerClient.builder()), r.group(), r.targetArn(),
                r.roleArn(), r.deadLetterArn(), settings.timeZone());
    }
}
