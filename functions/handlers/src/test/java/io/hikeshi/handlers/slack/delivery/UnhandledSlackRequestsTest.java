package io.hikeshi.handlers.slack.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.slackstub.SlackSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Slack sends that no listener takes is acknowledged with an empty 200 and logged, never 400 or 404: Slack counts
 * those as failed deliveries and may turn event delivery off for the app. {@code app_rate_limited} comes without any
 * subscription.
 */
class UnhandledSlackRequestsTest {

    private final DeliveryRig rig = new DeliveryRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void appRateLimited_isAcknowledged200_andLoggedWithTheWorkspaceAndMinute() {
        // GIVEN Slack's notice that it dropped this workspace's events (payload from Slack's reference page)
        String body = """
                {"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","type":"app_rate_limited","team_id":"T0HIKESHI",
                 "minute_rate_limited":1518467820,"api_app_id":"A0HIKESHI"}""";
        List<JsonNode> answers = new ArrayList<>();

        // WHEN it arrives signed
        List<JsonNode> logged = DeliveryRig.logLinesDuring(() -> answers.add(rig.sendSigned(body)));

        // THEN 200 with nothing in it, and a log line saying which workspace and since when
        assertEquals(200, answers.get(0).path("statusCode").asInt(), answers.toString());
        assertEquals("", answers.get(0).path("body").asText(), answers.toString());
        JsonNode line = only(logged, "slack rate-limited this app's events");
        assertEquals("T0HIKESHI", line.path("team").asText());
        assertEquals("1518467820", line.path("minuteRateLimited").asText());
    }

    @Test
    void everyKindOfRequestNoListenerTakes_isAcknowledgedEmpty200_andLogged_andChangesNothing() {
        // GIVEN an event the app does not handle, a button, a modal and shortcuts it does not know, a suggestion request
        Map<String, String> requests = Map.of(
                "event member_joined_channel", """
                        {"token":"legacy","team_id":"T0HIKESHI","api_app_id":"A0HIKESHI","type":"event_callback",
                         "event_id":"Ev0JOINED","event_time":1795403567,
                         "event":{"type":"member_joined_channel","user":"U0BOB","channel":"C0GENERAL",
                                  "event_ts":"1795403567.000100"}}""",
                "block action", SlackSigner.payloadBody("""
                        {"type":"block_actions","team":{"id":"T0HIKESHI"},"user":{"id":"U0BOB","team_id":"T0HIKESHI"},
                         "api_app_id":"A0HIKESHI","trigger_id":"1.2.3","channel":{"id":"C0GENERAL"},
                         "actions":[{"type":"button","action_id":"retired_button","block_id":"b","value":"x",
                                     "action_ts":"1795403567.000100"}]}"""),
                "view submission", SlackSigner.payloadBody("""
                        {"type":"view_submission","team":{"id":"T0HIKESHI"},"user":{"id":"U0BOB","team_id":"T0HIKESHI"},
                         "api_app_id":"A0HIKESHI","trigger_id":"1.2.3",
                         "view":{"id":"V0OLD","type":"modal","callback_id":"retired_modal","team_id":"T0HIKESHI",
                                 "state":{"values":{}}}}"""),
                "global shortcut", SlackSigner.payloadBody("""
                        {"type":"shortcut","token":"legacy","action_ts":"1795403567.000100","team":{"id":"T0HIKESHI"},
                         "user":{"id":"U0BOB","team_id":"T0HIKESHI"},"callback_id":"retired_shortcut","trigger_id":"1.2.3"}"""),
                "message shortcut", SlackSigner.payloadBody("""
                        {"type":"message_action","token":"legacy","action_ts":"1795403567.000100","team":{"id":"T0HIKESHI"},
                         "user":{"id":"U0BOB","team_id":"T0HIKESHI"},"channel":{"id":"C0GENERAL"},
                         "callback_id":"retired_message_shortcut","trigger_id":"1.2.3",
                         "message":{"type":"message","user":"U0ALICE","ts":"1795403567.000100","text":"hi"},
                         "message_ts":"1795403567.000100","response_url":"https://hooks.slack.com/app/x"}"""),
                "a kind Slack may add", """
                        {"token":"legacy","type":"something_new","team_id":"T0HIKESHI","api_app_id":"A0HIKESHI"}""");
        Map<String, JsonNode> answers = new java.util.TreeMap<>();

        // WHEN each arrives signed
        List<JsonNode> logged = DeliveryRig.logLinesDuring(
                () -> requests.forEach((what, body) -> answers.put(what, rig.sendSigned(body))));

        // THEN each got an empty 200, each was logged as not handled, nothing was queued and Slack was not called
        answers.forEach((what, answer) -> {
            assertEquals(200, answer.path("statusCode").asInt(), what + ": " + answer);
            assertEquals("", answer.path("body").asText(), what + ": " + answer);
        });
        assertEquals(requests.size(), logged.stream().filter(l -> l.path("message").asText().equals("slack request not handled"))
                .count(), logged.toString());
        assertTrue(rig.queued.isEmpty(), rig.queued.toString());
    }

    private static JsonNode only(List<JsonNode> lines, String message) {
        List<JsonNode> matching = lines.stream().filter(l -> l.path("message").asText().equals(message)).toList();
        assertEquals(1, matching.size(), lines.toString());
        return matching.get(0);
    }
}
