package io.hikeshi.slack.events;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import io.hikeshi.slack.Cockpit;
import io.hikeshi.slack.task.SlackTask;

/**
 * The Events API: a 📌 on a message puts it on its war room's timeline; opening the App Home tab
 * shows the open incidents. Both are acknowledged at once and done after the answer.
 */
public final class EventListeners {

    private final Cockpit cockpit;

    public EventListeners(Cockpit cockpit) {
        this.cockpit = cockpit;
    }

    public void register(App app) {
        app.event(ReactionAddedEvent.class, (payload, ctx) -> {
            ReactionAddedEvent event = payload.getEvent();
            if ("pushpin".equals(event.getReaction()) && event.getItem() != null && "message".equals(event.getItem().getType())) {
                cockpit.later(SlackTask.recordPin(event.getUser(), event.getItem().getChannel(), event.getItem().getTs()));
            }
            return ctx.ack();
        });
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            if ("home".equals(payload.getEvent().getTab())) {
                cockpit.later(SlackTask.publishHome(payload.getEvent().getUser()));
            }
            return ctx.ack();
        });
    }
}
