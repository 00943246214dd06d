package io.hikeshi.slack.incident;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import io.hikeshi.core.Refusal;
import io.hikeshi.core.access.ActionPolicy;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.slack.Cockpit;
import io.hikeshi.slack.Log;
import io.hikeshi.slack.Reply;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.views.ActionValues;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.SlackLimits;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code /incident}, the incident card's buttons and the "which incident?" answers. Each changes
 * the incident (one transaction) or opens a modal, and leaves further Slack calls for after the answer.
 */
public final class IncidentCommandListeners {

    private final Cockpit cockpit;
    private final IncidentCommands commands;

    public IncidentCommandListeners(Cockpit cockpit, IncidentCommands commands) {
        this.cockpit = cockpit;
        this.commands = commands;
    }

    public void register(App app) {
        var incidents = cockpit.incidents();
        app.command("/incident", this::onCommand);
        app.blockAction(Action.ACKNOWLEDGE.id(), (req, ctx) -> onCard(req, ctx, incidentOf(req), null,
                incidents::acknowledge));
        app.blockAction(Action.TAKE_COMMAND.id(), (req, ctx) -> onCard(req, ctx, incidentOf(req),
                incident -> ActionPolicy.Action.CHANGE_ROLES, (id, user) -> incidents.assignCommander(id, user, user)));
        app.blockAction(Action.CHANGE_SEVERITY.id(), (req, ctx) -> {
            String[] value = ActionValues.parts(ActionValues.selected(req.getPayload()), 2);
            Severity severity = ActionValues.severity(value[1]);
            return onCard(req, ctx, ActionValues.incident(value[0]),
                    incident -> IncidentCommands.lowers(incident, severity) ? ActionPolicy.Action.LOWER_SEVERITY : null,
                    (id, user) -> incidents.changeSeverity(id, severity, user));
        });
        app.blockAction(Action.STATUS_UPDATE.id(), (req, ctx) -> runPicked(req, ctx, "status " + valueOf(req)));
        app.blockAction(Action.RESOLVE.id(), (req, ctx) -> runPicked(req, ctx, "resolve " + valueOf(req)));
        app.blockAction(Pattern.compile("^" + Action.PICK_INCIDENT.id() + ":.*"), this::onPick);
    }

    private Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
        var p = req.getPayload();
        Messages m = cockpit.messagesFor(p.getUserId(), ctx.client());
        Reply reply = guarded(m, () -> commands.run(new IncidentCommands.Invocation(p.getText(), p.getUserId(),
                p.getChannelId(), p.getTriggerId()), ctx.client(), m));
        if (reply.isEmpty()) {
            return ctx.ack();
        }
        return ctx.ack(r -> r.responseType(reply.inChannel() ? "in_channel" : "ephemeral")
                .text(SlackLimits.cutMrkdwn(reply.text(), SlackLimits.MESSAGE_TEXT)).blocks(reply.blocks()));
    }

    private interface CardChange {
        void apply(IncidentId id, String user);
    }

    /**
     * A card button: check that the person may (when {@code guarded} is given and names a guarded action for the
     * incident as it is; null: open to anyone), change the incident, then redraw the card (or say why not) after the answer.
     */
    private Response onCard(BlockActionRequest req, ActionContext ctx, IncidentId id,
                            Function<Incident, ActionPolicy.Action> guarded, CardChange change) {
        BlockActionPayload p = req.getPayload();
        String user = p.getUser().getId();
        String channel = p.getChannel() != null ? p.getChannel().getId() : null;
        Messages m = cockpit.messagesFor(user, ctx.client());
        try {
            if (guarded != null) {
                Incident incident = cockpit.incidents().get(id);
                ActionPolicy.Action action = guarded.apply(incident);
                if (action != null) {
                    cockpit.permissions().check(action, user, incident, ctx.client());
                }
            }
            change.apply(id, user);
            if (channel != null && p.getContainer() != null && p.getContainer().getMessageTs() != null) {
                cockpit.later(SlackTask.refreshCard(user, channel, p.getContainer().getMessageTs(), id.toString(), m));
            }
        } catch (Refusal e) {
            if (channel != null) {
                cockpit.later(SlackTask.say(false, user, channel, id.toString(), Mrkdwn.text(m, "already", id, e.reason()), m));
            }
        }
        return ctx.ack();
    }

    /** "Which incident?" answered: run the command again, on the chosen incident. */
    private Response onPick(BlockActionRequest req, ActionContext ctx) {
        String[] value = ActionValues.parts(valueOf(req), 2);
        return runPicked(req, ctx, value[1] + " " + value[0]);
    }

    /** A command run from a button: its reply is posted after the answer, where the button was. */
    private Response runPicked(BlockActionRequest req, ActionContext ctx, String commandText) {
        BlockActionPayload p = req.getPayload();
        String user = p.getUser().getId();
        String channel = p.getChannel() != null ? p.getChannel().getId() : null;
        Messages m = cockpit.messagesFor(user, ctx.client());
        Reply reply = guarded(m, () -> commands.run(new IncidentCommands.Invocation(commandText, user, channel,
                p.getTriggerId()), ctx.client(), m));
        if (!reply.isEmpty() && channel != null) {
            cockpit.later(SlackTask.say(reply.inChannel(), user, channel, null, reply.text(), m));
        }
        return ctx.ack();
    }

    private interface Command {
        Reply run() throws Exception;
    }

    /** Any failure becomes a polite private reply; the details go to the log. */
    private static Reply guarded(Messages m, Command command) {
        try {
            return command.run();
        } catch (Exception e) {
            Log.error("slack command failed", e);
            return Reply.privately(m.get("error.generic"));
        }
    }

    private static IncidentId incidentOf(BlockActionRequest req) {
        return ActionValues.incident(valueOf(req));
    }

    private static String valueOf(BlockActionRequest req) {
        return ActionValues.value(req.getPayload());
    }
}
