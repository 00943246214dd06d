package io.hikeshi.handlers.slack.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.SlackIds.Block;
import io.hikeshi.slackstub.SlackSigner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hikeshi's buttons and menus carry values it wrote ({@code INC-0042}, {@code INC-0042|SEV2}); a signed request
 * can carry anything else. Such a request is malformed: 400, logged, and nothing changed or queued. Never a 500,
 * which would read as our failure and, for events, make Slack retry what can never succeed.
 */
class MalformedActionValuesTest {

    private final DeliveryRig rig = new DeliveryRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void everyButtonAndMenuWithAValueHikeshiNeverWrote_answers400_andChangesNothing() {
        // GIVEN Hikeshi's buttons and menus, each with a value it could not have written
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("acknowledge, id not an id", button(Action.ACKNOWLEDGE, "\"value\":\"IN;C-0042\""));
        requests.put("acknowledge, no value", button(Action.ACKNOWLEDGE, "\"text\":{\"type\":\"plain_text\",\"text\":\"x\"}"));
        requests.put("take command, id not an id", button(Action.TAKE_COMMAND, "\"value\":\"INC-\""));
        requests.put("severity, no incident part", menu(Action.CHANGE_SEVERITY, "SEV1"));
        requests.put("severity, unknown severity", menu(Action.CHANGE_SEVERITY, "INC-0042|SEV9"));
        requests.put("severity, no option", button(Action.CHANGE_SEVERITY, "\"value\":\"INC-0042|SEV1\""));
        requests.put("pick, no command part", button(Action.PICK_INCIDENT.id() + ":status", "\"value\":\"INC-0042\""));
        requests.put("postmortem section, unknown section", menu(Action.EDIT_POSTMORTEM_SECTION, "INC-0042|NOPE"));
        requests.put("action item, no item part", menu(Action.EDIT_ACTION_ITEM, "INC-0042"));
        requests.put("complete, id not an id", button(Action.COMPLETE_POSTMORTEM, "\"value\":\"0042\""));
        requests.put("add action item, id not an id", button(Action.ADD_ACTION_ITEM, "\"value\":\"<!channel>\""));
        requests.put("guide, more steps than a checkbox group holds", blockAction(
                "{\"type\":\"checkboxes\",\"action_id\":\"" + Action.TICK_GUIDE_STEP.id() + "\",\"block_id\":\""
                + Block.GUIDE_STEPS.id() + ":INC-0042:0\",\"selected_options\":["
                + IntStream.rangeClosed(1, 11).mapToObj(n -> "{\"text\":{\"type\":\"plain_text\",\"text\":\"s\"},"
                        + "\"value\":\"" + n + "|step " + n + "\"}").collect(Collectors.joining(","))
                + "],\"action_ts\":\"1795403567.000100\"}"));
        Map<String, JsonNode> answers = new TreeMap<>();

        // WHEN each arrives signed
        var logged = DeliveryRig.logLinesDuring(
                () -> requests.forEach((what, body) -> answers.put(what, rig.sendSigned(body))));

        // THEN each is a 400 logged as malformed, nothing was queued, and Slack was only asked who is who
        answers.forEach((what, answer) -> assertEquals(400, answer.path("statusCode").asInt(), what + ": " + answer));
        assertEquals(requests.size(), logged.stream()
                .filter(l -> l.path("message").asText().equals("slack request malformed")).count(), logged.toString());
        assertTrue(rig.queued.isEmpty(), rig.queued.toString());
        assertEquals(Set.of(), rig.slack.calls().stream().map(c -> c.method())
                .filter(method -> !Set.of("auth.test", "users.info").contains(method)).collect(Collectors.toSet()));
    }

    private static String button(Action action, String fields) {
        return button(action.id(), fields);
    }

    private static String button(String actionId, String fields) {
        return blockAction("{\"type\":\"button\",\"action_id\":\"" + actionId + "\",\"block_id\":\"b\"," + fields
                + ",\"action_ts\":\"1795403567.000100\"}");
    }

    private static String menu(Action action, String value) {
        return blockAction("{\"type\":\"static_select\",\"action_id\":\"" + action.id() + "\",\"block_id\":\"b\","
                + "\"selected_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"x\"},\"value\":\"" + value + "\"},"
                + "\"action_ts\":\"1795403567.000100\"}");
    }

    private static String blockAction(String action) {
        return SlackSigner.payloadBody("""
                {"type":"block_actions","team":{"id":"T0HIKESHI"},"user":{"id":"U0BOB","team_id":"T0HIKESHI"},
                 "api_app_id":"A0HIKESHI","trigger_id":"1.2.3","channel":{"id":"C0GENERAL"},
                 "container":{"type":"message","message_ts":"1795403567.000100","channel_id":"C0GENERAL"},
                 "actions":[%s]}""".formatted(action));
    }
}
