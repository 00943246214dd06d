package io.hikeshi.slack;

import com.slack.api.bolt.handler.UnmatchedRequestHandler;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;

/**
 * What Bolt does with a signed request no listener takes (an event the app is subscribed to but
 * ignores, a button or shortcut of an older message): acknowledge it with an empty 200 and log it.
 * Bolt's default, 404, counts as a failed delivery, and Slack turns event delivery off for an app
 * that fails too many
 * (more than 5% of deliveries in an hour without a 200: https://docs.slack.dev/reference/events/app_rate_limited).
 */
final class Unhandled implements UnmatchedRequestHandler {

    @Override
    public Response handle(Request<?> request) {
        String kind = request.getRequestType() == null ? "unknown" : request.getRequestType().name();
        if (request instanceof EventRequest event) {
            Log.warn("slack request not handled", "kind", kind, "event", String.valueOf(event.getEventTypeAndSubtype()));
        } else {
            Log.warn("slack request not handled", "kind", kind);
        }
        return Response.ok();
    }
}
