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
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.IncompletePostmortemException;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.slack.Cockpit;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.SlackIds.Input;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.PostmortemViews;
import io.hikeshi.slack.views.ViewValues;
import java.io.IOException;
import java.util.Map;

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
    }

    private Response onEditSection(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        String[] value = req.getPayload().getActions().get(0).getSelectedOption().getValue().split("\\|");
        Messages m = cockpit.messagesFor(req.getPayload().getUser().getId(), ctx.client());
        Postmortem pm = postmortems.get(IncidentId.parse(value[0]));
        return openModal(req, ctx, PostmortemViews.sectionModal(m, pm, Postmortem.Section.valueOf(value[1])));
    }

    private Response onAddActionItem(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        Messages m = cockpit.messagesFor(req.getPayload().getUser().getId(), ctx.client());
        return openModal(req, ctx, PostmortemViews.actionItemModal(m, req.getPayload().getActions().get(0).getValue()));
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
        IncidentId id = IncidentId.parse(p.getActions().get(0).getValue());
        String text;
        try {
            postmortems.complete(id, user);
            text = Mrkdwn.text(m, "pm.completed", id, user);
        } catch (IncompletePostmortemException e) {
            text = Mrkdwn.text(m, "pm.incomplete", id, PostmortemViews.missingText(m, e.missing()));
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
        String[] target = view.getPrivateMetadata().split("\\|");
        ViewState.Value text = ViewValues.value(view, Input.TEXT.id());
        if (text == null) { // not this modal's state: refuse rather than erase the section
            return ctx.ackWithErrors(Map.of(Input.TEXT.id(), m.get("error.form.outdated")));
        }
        return edit(ctx, m, Input.TEXT, () -> postmortems.editSection(IncidentId.parse(target[0]),
                Postmortem.Section.valueOf(target[1]), text.getValue(), user));
    }

    private Response onActionItemSubmitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String user = req.getPayload().getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        PostmortemViews.ActionItemInput item = PostmortemViews.actionItem(view, m);
        if (!item.errors().isEmpty()) {
            return ctx.ackWithErrors(item.errors());
        }
        return edit(ctx, m, Input.DESCRIPTION, () -> postmortems.addActionItem(IncidentId.parse(view.getPrivateMetadata()),
                item.description(), item.type(), item.owner(), item.due(), item.link(), user));
    }

    /**
     * Applies a postmortem edit from a modal. The modal may have been open while someone completed
     * the postmortem: then it is the record, and the modal says why nothing changed.
     */
    private static Response edit(ViewSubmissionContext ctx, Messages m, Input block, Runnable edit) {
        try {
            edit.run();
        } catch (Refusal e) {
            return ctx.ackWithErrors(Map.of(block.id(), e.reason(m)));
        }
        return ctx.ack();
    }
}
