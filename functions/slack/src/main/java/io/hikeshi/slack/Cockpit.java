package io.hikeshi.slack;

import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.task.TaskQueue;
import io.hikeshi.core.warroom.ServiceDirectory;
import io.hikeshi.core.warroom.WarRoomChannels;
import io.hikeshi.slack.access.Permissions;
import io.hikeshi.slack.task.SlackTask;

/**
 * What every listener area works with: the core's services, the queue for Slack work that must wait
 * until after the 3-second answer, each person's language, who may do what to an incident, and the
 * services the team configured (what a declaration picks from).
 */
public record Cockpit(IncidentService incidents, PostmortemService postmortems, WarRoomChannels warRooms,
                      TaskQueue tasks, LocaleResolver locales, Permissions permissions, ServiceDirectory services) {

    /** The person's language: their Slack locale, else the team's. */
    public Messages messagesFor(String user, MethodsClient client) {
        return locales.messagesFor(user, client);
    }

    /** Runs the task after the answer (SQS in AWS, a worker thread in local mode). */
    public void later(SlackTask task) {
        tasks.submit(task.toJson());
    }
}
