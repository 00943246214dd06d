package io.hikeshi.slack.incident;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import io.hikeshi.core.Refusal;
import io.hikeshi.core.access.ActionPolicy;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Status;
import io.hikeshi.slack.Cockpit;
import io.hikeshi.slack.MalformedSlackPayload;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.SlackIds.Input;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.views.ActionValues;
import io.hikeshi.slack.views.IncidentViews;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.SlackLimits;
import io.hikeshi.slack.views.ViewValues;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The status-update and resolve modals submitted (the declare form: {@link DeclareListeners}). A field that does not pass is answered
 * with its error in the modal; what passes changes the incident and is announced after the answer.
 */
public final class IncidentModalListeners {

    private final Cockpit cockpit;

    public IncidentModalListeners(Cockpit cockpit) {
        this.cockpit = cockpit;
    }

    public void register(App app) {
        app.viewSubmission(SlackIds.View.STATUS_UPDATE.id(), (req, ctx) -> onUpdate(req, ctx, Input.SUMMARY,
                view -> parseStatus(ViewValues.selected(view, Input.STATUS.id())),
                (id, status, summary, user, m) -> Mrkdwn.text(m, "status.updated", id, IncidentViews.statusName(m, status),
                        summary, user)));
        app.viewSubmission(SlackIds.View.RESOLVE.id(), (req, ctx) -> onUpdate(req, ctx, Input.RESOLUTION,
                view -> Status.RESOLVED,
                (id, status, summary, user, m) -> Mrkdwn.text(m, "resolved", id, user, summary)));
    }

    private interface Announcement {
        String text(IncidentId id, Status status, String summary, String user, Messages m);
    }

    /**
     * The status-update and resolve modals: a summary is required, and a known status (null: none or
     * an unknown one was chosen); the change is a status update for stakeholders, which the war room
     * and the broadcast channel hear of from the war-room flow; the person sees it done where they opened the modal.
     */
    private Response onUpdate(ViewSubmissionRequest req, ViewSubmissionContext ctx, Input summaryBlock,
                              Function<View, Status> target, Announcement announcement) {
        View view = req.getPayload().getView();
        String user = req.getPayload().getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        String summary = ViewValues.text(view, summaryBlock.id());
        Status status = target.apply(view);
        Map<String, String> errors = new HashMap<>(summaryErrors(m, summaryBlock, summary));
        if (status == null) {
            errors.put(Input.STATUS.id(), m.get("error.choose"));
        }
        if (!errors.isEmpty()) {
            return ctx.ackWithErrors(errors);
        }
        String[] origin = String.valueOf(view.getPrivateMetadata()).split("\\|", 2);
        IncidentId id;
        try {
            id = ActionValues.incident(origin[0]);
        } catch (MalformedSlackPayload e) { // not this modal's metadata
            return ctx.ackWithErrors(Map.of(summaryBlock.id(), m.get("error.form.outdated")));
        }
        try {
            if (status == Status.RESOLVED) {
                cockpit.permissions().check(ActionPolicy.Action.RESOLVE, user, cockpit.incidents().get(id), ctx.client());
            }
            cockpit.incidents().postStatusUpdate(id, status, summary.strip(), user);
        } catch (Refusal e) {
            return ctx.ackWithErrors(Map.of(summaryBlock.id(), e.reason(m)));
        }
        // The war room hears of it from the war-room flow, once; here only the person is told it is done.
        if (origin.length > 1 && !origin[1].isBlank()) {
            cockpit.later(SlackTask.say(false, user, origin[1], origin[0],
                    announcement.text(id, status, summary.strip(), user, m), m));
        }
        return ctx.ack();
    }

    private static Map<String, String> summaryErrors(Messages m, Input block, String summary) {
        if (summary == null || summary.isBlank()) {
            return Map.of(block.id(), m.get("error.summary.required"));
        }
        if (SlackLimits.length(summary) > IncidentViews.MAX_TEXT) {
            return Map.of(block.id(), m.get("error.text.long", IncidentViews.MAX_TEXT));
        }
        return Map.of();
    }

    private static Status parseStatus(String text) {
        try {
            return text == null ? null : Status.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
