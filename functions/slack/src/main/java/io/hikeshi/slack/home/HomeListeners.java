package io.hikeshi.slack.home;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.event.AppHomeOpenedEvent;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.slack.Cockpit;
import io.hikeshi.slack.Log;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.views.IncidentModals;
import java.io.IOException;

/**
 * The App Home tab: opening it publishes the person's own tab (after the answer: it reads incidents, war rooms and
 * postmortems); its Declare button opens the declare modal at once, as {@code /incident declare} does, since the
 * trigger id is good for 3 seconds.
 *
 * <p>A click in the Home tab comes from no channel. The modal names the declarer as its origin, so the existing declare
 * submission tells them in their direct messages with Hikeshi (where the card's buttons work as anywhere), and redraws
 * their tab with the new incident.
 */
public final class HomeListeners {

    private final Cockpit cockpit;

    public HomeListeners(Cockpit cockpit) {
        this.cockpit = cockpit;
    }

    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            if ("home".equals(payload.getEvent().getTab())) {
                cockpit.later(SlackTask.publishHome(payload.getEvent().getUser()));
            }
            return ctx.ack();
        });
        app.blockAction(SlackIds.Action.DECLARE_FROM_HOME.id(), this::onDeclare);
    }

    private Response onDeclare(BlockActionRequest req, ActionContext ctx) {
        String user = req.getPayload().getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        try {
            var opened = ctx.client().viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId())
                    .view(IncidentModals.declare(m, user, cockpit.services().services(), IncidentModals.Prefill.NONE)));
            if (!opened.isOk()) {
                Log.warn("views.open failed", "error", opened.getError(), "from", "home");
            }
        } catch (IOException | SlackApiException e) {
            Log.error("views.open failed from the Home tab", e);
        }
        return ctx.ack();
    }
}
