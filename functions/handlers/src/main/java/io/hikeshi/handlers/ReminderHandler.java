package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.scheduler.SchedulerReminderScheduler;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Target of the one-time EventBridge Scheduler schedules: re-reads the postmortem and speaks only
 * if it is still not complete; a repeated delivery of the same reminder says nothing the second time.
 */
public final class ReminderHandler implements RequestStreamHandler {

    private final PostmortemNotices notices;
    private final ObjectMapper json = new ObjectMapper();

    public ReminderHandler() {
        this(SlackComposition.fromEnvironment().postmortemNotices());
    }

    public ReminderHandler(PostmortemNotices notices) {
        this.notices = notices;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Reminder reminder = SchedulerReminderScheduler.fromInput(json.readTree(input));
        List<String> spokeTo = notices.remind(reminder);
        Log.info(spokeTo.isEmpty() ? "reminder silent" : "reminder sent", "reminder", reminder.id(), "to", spokeTo);
        json.writeValue(output, Map.of("reminder", reminder.id(), "spokeTo", spokeTo));
    }
}
