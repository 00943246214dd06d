package io.hikeshi.handlers.slack;

import io.hikeshi.handlers.wiring.SlackWiring;
import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import io.hikeshi.aws.scheduler.SchedulerReminderScheduler;
import io.hikeshi.core.postmortem.ReminderScheduler.Kind;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.StreamHandler;
import io.hikeshi.slack.cadence.UpdateNudges;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Target of the one-time EventBridge Scheduler schedules: a postmortem reminder re-reads the postmortem and speaks
 * only if it is still not complete; an update nudge re-reads the incident and speaks only if the war room is still
 * silent, then sets the next one. A repeated delivery of the same schedule says nothing the second time.
 */
public final class ReminderHandler extends StreamHandler<Reminder, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderHandler.class);

    private final PostmortemNotices notices;
    /** Null where nudges are not this handler's job (tests of postmortem reminders alone). */
    private final UpdateNudges nudges;
    /** This function's own ARN, as its invocation names it: the next nudge's target. */
    private final AtomicReference<String> ownArn;

    /** For the Lambda runtime: DynamoDB, the bot token from SSM, Scheduler for the next nudge; no Bolt app. */
    public ReminderHandler() {
        this(new AtomicReference<>());
    }

    private ReminderHandler(AtomicReference<String> ownArn) {
        this(SlackWiring.speakingInAws(Settings.fromEnvironment(), ownArn::get), ownArn);
    }

    private ReminderHandler(SlackWiring slack, AtomicReference<String> ownArn) {
        this(slack.postmortemNoticesInAws(), slack.updateNudgesInAws(), ownArn);
    }

    public ReminderHandler(PostmortemNotices notices) {
        this(notices, null);
    }

    public ReminderHandler(PostmortemNotices notices, UpdateNudges nudges) {
        this(notices, nudges, new AtomicReference<>());
    }

    private ReminderHandler(PostmortemNotices notices, UpdateNudges nudges, AtomicReference<String> ownArn) {
        this.notices = notices;
        this.nudges = nudges;
        this.ownArn = ownArn;
    }

    @Override
    protected void invokedAs(String functionArn) {
        ownArn.set(functionArn);
    }

    /** The schedule's own input ({@code reminderId, incident, kind, at}), as the scheduler adapter wrote it. */
    @Override
    protected Reminder read(byte[] event) throws IOException {
        return SchedulerReminderScheduler.fromInput(json().readTree(event));
    }

    @Override
    protected Map<String, Object> handle(Reminder reminder) {
        List<String> spokeTo = reminder.kind() == Kind.NUDGE ? nudges().nudge(reminder) : notices.remind(reminder);
        LOG.info(spokeTo.isEmpty() ? "reminder silent" : "reminder sent", kv("reminder", reminder.id()), kv("to", spokeTo));
        return Map.of("reminder", reminder.id(), "spokeTo", spokeTo);
    }

    private UpdateNudges nudges() {
        if (nudges == null) {
            throw new IllegalStateException("this reminder handler was built without the update nudges");
        }
        return nudges;
    }
}
