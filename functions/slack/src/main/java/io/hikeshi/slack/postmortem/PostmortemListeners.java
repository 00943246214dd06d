package io.hikeshi.slack.postmortem;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import io.hikeshi.core.Refusal;
import io.hikeshi.core.access.ActionPolicy;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.IncompletePostmortemException;
import io.hikeshi.core.postmortem.PastDueDateException;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.slack.Cockpit;
import io.hikeshi.slack.MalformedSlackPayload;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.SlackIds.Input;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.views.ActionValues;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.PostmortemViews;
import io.hikeshi.slack.views.ViewValues;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** The postmortem's checklist buttons and its edit modals. */
public final class PostmortemListeners {

    private final Cockpit cockpit;
    private final PostmortemService postmortems;

    public PostmortemListeners(Cockpit cockpit) {
        this.cockpit = cockpit;
        this.postmortems = cockpit.postmortems();
    }

    public void register(App app) {
        app.blockAction(Action.EDIT_POSTMORTEM_SECTION.id(), this::onEditSection);
        app.blockAction(Action.ADD_ACTION_ITEM.id(), this::onAddActionItem);
        app.blockAction(Action.COMPLETE_POSTMORTEM.id(), this::onComplete);
        app.viewSubmission(SlackIds.View.POSTMORTEM_SECTION.id(), this::onSectionSubmitted);
        app.viewSubmission(SlackIds.View.ACTION_ITEM.id(), this::onActionItemSubmitted);
        app.blockAction(Action.EDIT_ACTION_ITEM.id(), this::onEditActionItem);
        app.viewSubmission(SlackIds.View.ACTION_ITEM_EDIT.id(), this::onActionItemEdited);
        app.blockAction(Action.REASSIGN_POSTMORTEM_OWNER.id(), this::onReassignOwner);
        app.blockAction(Action.POSTMORTEM_NOT_NEEDED.id(), this::onNotNeeded);
        app.viewSubmission(SlackIds.View.POSTMORTEM_NOT_NEEDED.id(), this::onNotNeededSubmitted);
    }

    private Response onEditSection(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        BlockActionPayload p = req.getPayload();
        String[] value = ActionValues.parts(ActionValues.selected(p), 2);
        IncidentId id = ActionValues.incident(value[0]);
        Postmortem.Section section = ActionValues.section(value[1]);
        Messages m = cockpit.messagesFor(p.getUser().getId(), ctx.client());
        Optional<Postmortem> pm = postmortemOrSayWhy(p, id, m);
        return pm.isEmpty() ? ctx.ack() : openModal(req, ctx, PostmortemViews.sectionModal(m, pm.get(), section));
    }

    private Response onAddActionItem(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        Messages m = cockpit.messagesFor(req.getPayload().getUser().getId(), ctx.client());
        return openModal(req, ctx, PostmortemViews.actionItemModal(m,
                ActionValues.incident(ActionValues.value(req.getPayload())).toString()));
    }

    private static Response openModal(BlockActionRequest req, ActionContext ctx, View modal)
            throws IOException, SlackApiException {
        ctx.client().viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId()).view(modal));
        return ctx.ack();
    }

    /** Completion refused says what is missing, to the person who clicked. */
    private Response onComplete(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        String user = p.getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        IncidentId id = ActionValues.incident(ActionValues.value(p));
        String text;
        try {
            postmortems.complete(id, user);
            text = Mrkdwn.text(m, "pm.completed", id, user);
        } catch (IncompletePostmortemException e) {
            text = Mrkdwn.text(m, "pm.incomplete", id, PostmortemViews.missingText(m, e.missing()));
        } catch (Refusal e) {
            text = Mrkdwn.text(m, "already", id, e.reason());
        }
        if (p.getChannel() != null) {
            cockpit.later(SlackTask.say(false, user, p.getChannel().getId(), id.toString(), text, m));
        }
        return ctx.ack();
    }

    private Response onSectionSubmitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String user = req.getPayload().getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        ViewState.Value text = ViewValues.value(view, Input.TEXT.id());
        if (text == null) { // not this modal's state: refuse rather than overwrite
            return ctx.ackWithErrors(Map.of(Input.TEXT.id(), m.get("error.form.outdated")));
        }
        return edit(ctx, m, Input.TEXT, () -> {
            String[] target = ActionValues.parts(view.getPrivateMetadata(), 3);
            postmortems.editSection(ActionValues.incident(target[0]), ActionValues.section(target[1]), text.getValue(),
                    user, ActionValues.version(target[2]));
        });
    }

    private Response onActionItemSubmitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String user = req.getPayload().getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        PostmortemViews.ActionItemInput item = PostmortemViews.actionItem(view, m);
        if (!item.errors().isEmpty()) {
            return ctx.ackWithErrors(item.errors());
        }
        return edit(ctx, m, Input.DESCRIPTION, () -> postmortems.addActionItem(ActionValues.incident(view.getPrivateMetadata()),
                item.description(), item.type(), item.owner(), item.due(), item.link(), user));
    }

    /** An action item chosen in the checklist: its form, filled with it as it is now. */
    private Response onEditActionItem(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        BlockActionPayload p = req.getPayload();
        Messages m = cockpit.messagesFor(p.getUser().getId(), ctx.client());
        String[] value = ActionValues.parts(ActionValues.selected(p), 2);
        IncidentId id = ActionValues.incident(value[0]);
        Optional<Postmortem> pm = postmortemOrSayWhy(p, id, m);
        if (pm.isEmpty()) {
            return ctx.ack();
        }
        var item = pm.get().actionItem(value[1]);
        if (item.isEmpty()) { // deleted since the checklist was shown
            tell(p, id, new Refusal("refusal.pm.action.none", id.toString()).reason(m), m);
            return ctx.ack();
        }
        return openModal(req, ctx, PostmortemViews.actionItemEditModal(m, pm.get(), item.get()));
    }

    private Response onActionItemEdited(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        String user = req.getPayload().getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        PostmortemViews.ActionItemEdit edit = PostmortemViews.actionItemEdit(req.getPayload().getView(), m);
        if (!edit.errors().isEmpty()) {
            return ctx.ackWithErrors(edit.errors());
        }
        return edit(ctx, m, Input.DESCRIPTION, () -> {
            if (edit.delete()) {
                postmortems.deleteActionItem(edit.incident(), edit.itemId(), user, edit.version());
            } else {
                postmortems.reviseActionItem(edit.incident(), edit.itemId(), new PostmortemService.ActionItemRevision(
                        edit.description(), edit.owner(), edit.due(), edit.done()), user, edit.version());
            }
        });
    }

    /** Someone picked the postmortem's new owner in the checklist; the incident is in the controls' block id. */
    private Response onReassignOwner(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        String user = p.getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        BlockActionPayload.Action action = p.getActions().get(0);
        String prefix = SlackIds.Block.POSTMORTEM_CONTROLS.id() + ":";
        String owner = action.getSelectedUser();
        if (action.getBlockId() == null || !action.getBlockId().startsWith(prefix) || owner == null) {
            return ctx.ack(); // not the checklist's controls: nothing to reassign
        }
        IncidentId id = ActionValues.incident(action.getBlockId().substring(prefix.length()));
        String text;
        try {
            postmortems.reassignOwner(id, owner, user);
            text = Mrkdwn.text(m, "pmc.owner.changed", id, owner);
        } catch (Refusal e) {
            text = e.reason(m);
        }
        tell(p, id, text, m);
        return ctx.ack();
    }

    /**
     * "Not needed…" clicked: the form asking why, to someone who may say so (the commander, by default); anyone else
     * is told who may, before writing a reason for nothing. The form checks again when it is submitted.
     */
    private Response onNotNeeded(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        BlockActionPayload p = req.getPayload();
        String user = p.getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        IncidentId id = ActionValues.incident(ActionValues.value(p));
        try {
            Postmortem pm = postmortems.get(id);
            if (pm.isComplete()) {
                throw new Refusal("refusal.postmortem.complete", id.toString());
            }
            if (pm.isNotNeeded()) {
                tell(p, id, PostmortemViews.notNeededText(m, pm.notNeeded()), m);
                return ctx.ack();
            }
            cockpit.permissions().check(ActionPolicy.Action.SKIP_POSTMORTEM, user, cockpit.incidents().get(id), ctx.client());
        } catch (Refusal e) {
            tell(p, id, Mrkdwn.text(m, "already", id, e.reason()), m);
            return ctx.ack();
        }
        View form = PostmortemViews.notNeededModal(m, postmortems.get(id));
        String channel = p.getChannel() == null ? "" : p.getChannel().getId();
        form.setPrivateMetadata(id + "|" + channel); // where to confirm it, once submitted
        return openModal(req, ctx, form);
    }

    /** The reason given: checked again (the form may have been open while command changed hands), then recorded. */
    private Response onNotNeededSubmitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String user = req.getPayload().getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        String[] target = view.getPrivateMetadata() == null ? new String[0] : view.getPrivateMetadata().split("\\|", 2);
        String reason = ViewValues.text(view, Input.REASON.id());
        if (target.length == 0 || target[0].isBlank()) {
            return ctx.ackWithErrors(Map.of(Input.REASON.id(), m.get("error.form.outdated")));
        }
        try {
            IncidentId id = ActionValues.incident(target[0]);
            cockpit.permissions().check(ActionPolicy.Action.SKIP_POSTMORTEM, user, cockpit.incidents().get(id), ctx.client());
            Postmortem pm = postmortems.notNeeded(id, reason, user);
            if (target.length > 1 && !target[1].isBlank()) {
                cockpit.later(SlackTask.say(false, user, target[1], id.toString(),
                        Mrkdwn.text(m, "pmp.skipped", id, pm.notNeeded().reason()), m));
            }
        } catch (Refusal e) {
            return ctx.ackWithErrors(Map.of(Input.REASON.id(), e.reason(m)));
        } catch (MalformedSlackPayload e) {
            return ctx.ackWithErrors(Map.of(Input.REASON.id(), m.get("error.form.outdated")));
        }
        return ctx.ack();
    }

    /** The incident's postmortem; when it has none (any more), the person is told why nothing opens. */
    private Optional<Postmortem> postmortemOrSayWhy(BlockActionPayload p, IncidentId id, Messages m) {
        try {
            return Optional.of(postmortems.get(id));
        } catch (Refusal e) {
            tell(p, id, Mrkdwn.text(m, "already", id, e.reason()), m);
            return Optional.empty();
        }
    }

    /** Only to the person who acted, where they acted. */
    private void tell(BlockActionPayload p, IncidentId id, String text, Messages m) {
        if (p.getChannel() != null) {
            cockpit.later(SlackTask.say(false, p.getUser().getId(), p.getChannel().getId(), id.toString(), text, m));
        }
    }

    /**
     * Applies a postmortem edit from a modal. The modal may have been open while someone completed
     * the postmortem, or saved it: then theirs is the record, and the modal says why nothing changed.
     */
    private static Response edit(ViewSubmissionContext ctx, Messages m, Input block, Runnable edit) {
        try {
            edit.run();
        } catch (PastDueDateException e) {
            return ctx.ackWithErrors(Map.of(Input.DUE.id(), e.reason(m)));
        } catch (Refusal e) {
            return ctx.ackWithErrors(Map.of(block.id(), e.reason(m)));
        } catch (MalformedSlackPayload e) { // not this modal's metadata: refuse rather than overwrite
            return ctx.ackWithErrors(Map.of(block.id(), m.get("error.form.outdated")));
        }
        return ctx.ack();
    }
}
