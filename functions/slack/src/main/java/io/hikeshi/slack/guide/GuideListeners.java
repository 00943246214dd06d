package io.hikeshi.slack.guide;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload.Action;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.CheckboxesElement;
import io.hikeshi.core.incident.GuideChecklist;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.Refusal;
import io.hikeshi.slack.Cockpit;
import io.hikeshi.slack.Log;
import io.hikeshi.slack.MalformedSlackPayload;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.views.GuideChecklistView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tick on the response guide's checklist. Anyone the access gate lets in may tick (a checklist is everyone's work,
 * like a status update). The click is recorded on the timeline in the 3-second answer; the message is redrawn for
 * everyone afterwards, as a task, since Slack shows a checkbox's state on the clicker's screen only.
 */
public final class GuideListeners {

    private final Cockpit cockpit;

    public GuideListeners(Cockpit cockpit) {
        this.cockpit = cockpit;
    }

    public void register(App app) {
        app.blockAction(SlackIds.Action.TICK_GUIDE_STEP.id(), this::onTick);
    }

    private Response onTick(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        Action action = p.getActions().get(0);
        Optional<IncidentId> incident = GuideChecklistView.incidentOf(action.getBlockId());
        if (incident.isEmpty() || p.getContainer() == null || p.getContainer().getMessageTs() == null) {
            return ctx.ack(); // not a guide this app posted: nothing to record
        }
        String channel = p.getContainer().getChannelId();
        String ts = p.getContainer().getMessageTs();
        String user = p.getUser().getId();
        try {
            cockpit.incidents().recordGuideClick(incident.get(), click(p, action, channel + ":" + ts), user);
        } catch (Refusal e) { // an incident that is not (or no longer) there: nothing to record
            Log.warn("guide tick for no incident", "incident", incident.get().toString(), "reason", e.getMessage());
            return ctx.ack();
        }
        cockpit.later(SlackTask.refreshGuide(user, channel, ts, incident.get().toString(),
                cockpit.locales().defaults()));
        return ctx.ack();
    }

    /**
     * What the click changed: the group's steps and what the clicker's message showed ticked (the message as Slack
     * sent it with the click, last drawn from the timeline), against what is ticked now.
     */
    private static GuideChecklist.Click click(BlockActionPayload p, Action action, String guide) {
        Optional<CheckboxesElement> shown = p.getMessage() == null ? Optional.empty()
                : GuideChecklistView.checkboxesIn(p.getMessage().getBlocks(), action.getBlockId());
        List<OptionObject> selected = selectedOptions(action);
        Map<Integer, String> steps = new HashMap<>(GuideChecklistView.steps(selected));
        shown.ifPresent(c -> steps.putAll(GuideChecklistView.steps(c.getOptions())));
        if (steps.size() > GuideChecklistView.STEPS_PER_GROUP) { // no checkbox group of ours is larger
            throw new MalformedSlackPayload("a guide group of at most " + GuideChecklistView.STEPS_PER_GROUP + " steps",
                    steps.keySet().toString());
        }
        Set<Integer> seen = shown.map(c -> GuideChecklistView.steps(c.getInitialOptions()).keySet()).orElse(Set.of());
        return new GuideChecklist.Click(guide, steps, seen, GuideChecklistView.steps(selected).keySet());
    }

    private static List<OptionObject> selectedOptions(Action action) {
        if (action.getSelectedOptions() == null) {
            return List.of();
        }
        return action.getSelectedOptions().stream()
                .map(o -> OptionObject.builder().value(o.getValue()).build()).toList();
    }
}
