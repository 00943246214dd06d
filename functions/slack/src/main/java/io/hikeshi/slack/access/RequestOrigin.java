package io.hikeshi.slack.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import io.hikeshi.slack.views.Mrkdwn;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
                            List<String> inputBlocks, Set<String> named) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Nothing could be read: every check fails on it. */
    static final RequestOrigin UNKNOWN = new RequestOrigin(null, null, null, null, null, List.of(), Set.of());

    /** The subcommands that give someone a part ({@code commander @kenji}, {@code role comms @hana}). */
    private static final Pattern NAMING_COMMAND = Pattern.compile("\\s*(commander|role)\\b", Pattern.CASE_INSENSITIVE);
    /** A mention in a command's text: {@code <@U0KENJI>} or, with escaping on, {@code <@U0KENJI|kenji>}. */
    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]{2,})(?:\\|[^>]*)?>");

    /** Who sent a request and the people it names, for the whole Slack side to read the same way. */
    public RequestOrigin(String teamId, String enterpriseId, String userId, String userTeamId, String channelId,
                         List<String> inputBlocks) {
        this(teamId, enterpriseId, userId, userTeamId, channelId, inputBlocks, Set.of());
    }

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
        Set<String> named = new LinkedHashSet<>();
        String text = formField(body, "text");
        // only a command that gives someone a part names them; a status text mentioning people names nobody
        Matcher mention = MENTION.matcher(text != null && NAMING_COMMAND.matcher(text).lookingAt() ? text : "");
        while (mention.find()) {
            named.add(mention.group(1));
        }
        return new RequestOrigin(formField(body, "team_id"), formField(body, "enterprise_id"), formField(body, "user_id"),
                null, formField(body, "channel_id"), List.of(), Set.copyOf(named));
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
        Set<String> named = new LinkedHashSet<>();
        payload.path("actions").forEach(action -> picked(action, named));
        payload.path("view").path("state").path("values").forEach(block -> block.forEach(element -> picked(element, named)));
        return new RequestOrigin(text(payload.path("team").path("id")), text(payload.path("enterprise").path("id")),
                text(user.path("id")), text(user.path("team_id")), text(payload.path("channel").path("id")),
                List.copyOf(inputs), Set.copyOf(named));
    }

    /** The users a users_select or multi_users_select holds (a button or a text input holds none). */
    private static void picked(JsonNode element, Set<String> named) {
        JsonNode one = element.path("selected_user");
        if (one.isTextual() && Mrkdwn.isUserId(one.asText())) {
            named.add(one.asText());
        }
        element.path("selected_users").forEach(u -> {
            if (u.isTextual() && Mrkdwn.isUserId(u.asText())) {
                named.add(u.asText());
            }
        });
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
