package io.hikeshi.slack.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a Slack request says it comes from: its workspace, its Enterprise Grid organisation, and who acted (with
 * the workspace that person belongs to, when Slack says). Read from the signed body itself, because Bolt's single-team
 * authorization overwrites the context's team and enterprise with the bot's own (auth.test).
 *
 * <p>Shapes (https://docs.slack.dev/interactivity/implementing-slash-commands, .../reference/interaction-payloads,
 * .../apis/events-api): a slash command is a form with {@code team_id}, {@code enterprise_id}, {@code user_id}; an
 * interaction is a form whose {@code payload} is JSON with {@code team.id}, {@code enterprise.id}, {@code user.id},
 * {@code user.team_id}; an Events API callback is JSON with {@code team_id}, {@code enterprise_id} and
 * {@code event.user}.
 *
 * @param inputBlocks the input blocks of a submitted modal (where a refusal can be shown); empty otherwise
 */
public record RequestOrigin(String teamId, String enterpriseId, String userId, String userTeamId, String channelId,
                            List<String> inputBlocks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Nothing could be read: every check fails on it. */
    static final RequestOrigin UNKNOWN = new RequestOrigin(null, null, null, null, null, List.of());

    public static RequestOrigin of(Request<?> req) {
        String body = req.getRequestBodyAsString();
        try {
            return switch (req.getRequestType()) {
                case Command -> command(body);
                case Event -> event(JSON.readTree(body));
                default -> {
                    String payload = formField(body, "payload");
                    yield payload == null ? UNKNOWN : interaction(JSON.readTree(payload));
                }
            };
        } catch (IOException | IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    private static RequestOrigin command(String body) {
        return new RequestOrigin(formField(body, "team_id"), formField(body, "enterprise_id"), formField(body, "user_id"),
                null, formField(body, "channel_id"), List.of());
    }

    private static RequestOrigin event(JsonNode callback) {
        JsonNode event = callback.path("event");
        return new RequestOrigin(text(callback.path("team_id")), text(callback.path("enterprise_id")),
                text(event.path("user")), null, text(event.path("channel")), List.of());
    }

    private static RequestOrigin interaction(JsonNode payload) {
        JsonNode user = payload.path("user");
        List<String> inputs = new ArrayList<>();
        payload.path("view").path("state").path("values").fieldNames().forEachRemaining(inputs::add);
        return new RequestOrigin(text(payload.path("team").path("id")), text(payload.path("enterprise").path("id")),
                text(user.path("id")), text(user.path("team_id")), text(payload.path("channel").path("id")),
                List.copyOf(inputs));
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String formField(String body, String name) {
        if (body == null) {
            return null;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isBlank() ? null : value;
            }
        }
        return null;
    }
}
