package io.hikeshi.handlers.wiring;

import io.hikeshi.aws.scheduler.SchedulerReminderScheduler;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.handlers.lambda.Settings;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * Reminders (postmortem reminders, the update cadence's nudges) as EventBridge Scheduler schedules, for the
 * functions that schedule or cancel them.
 */
public final class ReminderSchedules {

    private ReminderSchedules() { }

    /** Where {@link Settings#reminders()} names a target; otherwise asking for a reminder is a wiring mistake. */
    public static ReminderScheduler inAws(Settings settings) {
        return inAws(settings, () -> {
            throw new IllegalStateException("reminders have no target here (" + Settings.REMINDER_TARGET_ARN + ")");
        });
    }

    /**
     * As {@link #inAws(Settings)}; where the settings name no target, the schedules target {@code ownArn}: the
     * reminder function, which sets the next nudge itself and learns its own ARN when invoked.
     */
    public static ReminderScheduler inAws(Settings settings, Supplier<String> ownArn) {
        Settings.Reminders r = settings.reminders();
        if (r == null) {
            return Composition.NOT_SCHEDULING;
        }
        Supplier<String> target = r.targetArn() != null ? r::targetArn : ownArn;
        return new SchedulerReminderScheduler(AwsClients.build(SchedulerClient.builder()), r.group(), target,
                r.roleArn(), r.deadLetterArn(), settings.timeZone());
    }
}
