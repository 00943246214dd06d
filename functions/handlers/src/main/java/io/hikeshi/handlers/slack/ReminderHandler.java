package io.hikeshi.handlers.slack;

import io.hikeshi.handlers.wiring.SlackWiring;
import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.scheduler.SchedulerReminderScheduler;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.StreamHandler;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Target of the one-time EventBridge Scheduler schedules: re-reads the postmortem and speaks only
 * if it is still not complete; a repeated delivery of the same reminder says nothing the second time.
 */
public final class ReminderHandler extends StreamHandler<Reminder, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderHandler.class);

    private final PostmortemNotices notices;

    /** For the Lambda runtime: DynamoDB and the bot token from SSM; no Bolt app. */
    public ReminderHandler() {
        this(SlackWiring.speakingInAws(Settings.fromEnvironment()).postmortemNoticesInAws());
    }

    public ReminderHandler(PostmortemNotices notices) {
        super(new ObjectMapper());
        this.notices = notices;
    }

    /** The schedule's own input ({@code reminderId, incident, kind, at}), as the scheduler adapter wrote it. */
    @Override
    protected Reminder read(byte[] event) throws IOException {
        return SchedulerReminderScheduler.fromInput(json.readTree(event));
    }

    @Override
    protected Map<String, Object> handle(Reminder reminder) {
        List<String> spokeTo = notices.remind(reminder);
        LOG.info(spokeTo.isEmpty() ? "reminder silent" : "reminder sent", kv("reminder", reminder.id()), kv("to", spokeTo));
        return Map.of("reminder", reminder.id(), "spokeTo", spokeTo);
    }
}
