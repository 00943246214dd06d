package io.hikeshi.slack.events;

import com.slack.api.bolt.App;
import com.slack.api.model.event.ReactionAddedEvent;
import io.hikeshi.slack.Cockpit;
import io.hikeshi.slack.task.SlackTask;

/**
 * The Events API: a 📌 on a message puts it on its war room's timeline, acknowledged at once and done after the
 * answer. (Opening the App Home tab is {@link io.hikeshi.slack.home.HomeListeners}'.)
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
    }
}
