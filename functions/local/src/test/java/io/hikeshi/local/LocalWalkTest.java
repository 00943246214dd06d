package io.hikeshi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.SlackSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One incident walked from declaration to a completed postmortem in local mode, the way a person does it in Slack:
 * every step is a request signed as Slack signs it, sent to local mode's {@code /slack/events}; local mode's
 * {@code --slack-log} writes down each Web API call it made, and after each step the calls that step made are listed
 * (printed as a table, and checked). Modal versions and action-item ids are read from what Slack was sent, as a
 * person's client would have them. Times come from now: local mode runs on the real clock.
 */
class LocalWalkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "U0ALICE";
    private static final String GENERAL = "C0GENERAL";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> table = new ArrayList<>();
    private LocalHikeshi hikeshi;
    private Path slackLog;
    private int logged;

    @Test
    void declareToCompletedPostmortem_eachStepMakesTheSlackCallsItShould(@TempDir Path dir) throws Exception {
        slackLog = dir.resolve("slack.jsonl");
        try (LocalHikeshi local = LocalHikeshi.start(LocalMain.Options.parse(new String[] {"--port", "0", "--slack-log",
                slackLog.toString()}), Map.of(), false, System.out)) {
            hikeshi = local;
            IncidentId id = IncidentId.parse("INC-0001");

            assertTrue(step("declare: /incident declare", () -> command("/incident declare", GENERAL))
                    .contains("views.open"));
            List<String> declared = step("declare: the form submitted", () -> interaction(submission(
                    SlackIds.View.DECLARE.id(), GENERAL, Map.of(
                            "title", text("Checkout returns 500"),
                            "severity", selected("SEV2"),
                            "service", text("payment-api"),
                            "description", text("About a fifth of checkouts fail")))));
            assertTrue(declared.containsAll(List.of("conversations.create", "conversations.invite", "chat.postMessage",
                    "pins.add")), declared.toString());
            String room = hikeshi.core().storage().warRooms().find(id).orElseThrow().channelId();

            List<String> acknowledged = step("acknowledge: the card's button", () -> interaction(
                    cardClick(SlackIds.Action.ACKNOWLEDGE.id(), id.toString(), room)));
            assertTrue(acknowledged.containsAll(List.of("chat.update", "chat.postMessage")), acknowledged.toString());

            List<String> raised = step("severity: /incident severity sev1", () -> command("/incident severity sev1", room));
            assertTrue(raised.containsAll(List.of("chat.update", "chat.postMessage")), raised.toString());

            assertTrue(step("update: /incident status", () -> command("/incident status", room)).contains("views.open"));
            List<String> updated = step("update: the form submitted", () -> interaction(submission(
                    SlackIds.View.STATUS_UPDATE.id(), lastModalMetadata(), Map.of(
                            "status", selected("INVESTIGATING"),
                            "summary", text("Rolling back payment-api 1.43 to 1.42")))));
            assertTrue(updated.contains("chat.postMessage"), updated.toString());

            assertTrue(step("resolve: /incident resolve", () -> command("/incident resolve", room)).contains("views.open"));
            List<String> resolved = step("resolve: the form submitted", () -> interaction(submission(
                    SlackIds.View.RESOLVE.id(), lastModalMetadata(), Map.of(
                            "resolution", text("Rolled back; error rate back under 0.1%")))));
            assertTrue(resolved.contains("chat.postMessage"), resolved.toString());

            // the postmortem: its checklist, each section people write, one action item done, then complete
            step("postmortem: /incident postmortem", () -> command("/incident postmortem", room));
            assertTrue(step("postmortem: edit Impact", () -> interaction(checklistClick(
                    SlackIds.Action.EDIT_POSTMORTEM_SECTION.id(), id + "|IMPACT", true, room))).contains("views.open"));
            step("postmortem: Impact saved", () -> interaction(submission(SlackIds.View.POSTMORTEM_SECTION.id(),
                    lastModalMetadata(), Map.of("text", text("20% of checkouts failed for 25 minutes")))));
            for (Postmortem.Section section : List.of(Postmortem.Section.ROOT_CAUSES, Postmortem.Section.TRIGGER,
                    Postmortem.Section.WENT_WELL, Postmortem.Section.WENT_WRONG)) {
                interaction(checklistClick(SlackIds.Action.EDIT_POSTMORTEM_SECTION.id(), id + "|" + section, true, room));
                interaction(submission(SlackIds.View.POSTMORTEM_SECTION.id(), lastModalMetadata(),
                        Map.of("text", text("Written for " + section))));
            }
            step("postmortem: the other four sections saved", () -> null);
            assertTrue(step("action item: add", () -> interaction(checklistClick(
                    SlackIds.Action.ADD_ACTION_ITEM.id(), id.toString(), false, room))).contains("views.open"));
            LocalDate nextWeek = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(7);
            step("action item: the form submitted", () -> interaction(submission(SlackIds.View.ACTION_ITEM.id(),
                    lastModalMetadata(), Map.of(
                            "description", text("Canary every payment-api deploy"),
                            "type", selected("PREVENT"),
                            "owner", Map.of("type", "users_select", "selected_user", ALICE),
                            "due", Map.of("type", "datepicker", "selected_date", nextWeek.toString())))));
            String item = actionItemOffered(command("/incident postmortem", room));
            assertTrue(step("action item: chosen in the checklist", () -> interaction(checklistClick(
                    SlackIds.Action.EDIT_ACTION_ITEM.id(), item, true, room))).contains("views.open"));
            step("action item: marked done", () -> interaction(submission(SlackIds.View.ACTION_ITEM_EDIT.id(),
                    lastModalMetadata(), Map.of(
                            "description", text("Canary every payment-api deploy"),
                            "owner", Map.of("type", "users_select", "selected_user", ALICE),
                            "due", Map.of("type", "datepicker", "selected_date", nextWeek.toString()),
                            "done", Map.of("type", "checkboxes", "selected_options", List.of(Map.of("value", "done"))),
                            "delete", Map.of("type", "checkboxes", "selected_options", List.of())))));
            List<String> completed = step("postmortem: complete", () -> interaction(checklistClick(
                    SlackIds.Action.COMPLETE_POSTMORTEM.id(), id.toString(), false, room)));
            assertTrue(completed.contains("chat.postEphemeral"), completed.toString());

            System.out.println("\nThe walk, and the Slack calls each step made:\n" + String.join("\n", table) + "\n");
            Incident incident = hikeshi.core().incidents().get(id);
            assertEquals(Status.RESOLVED, incident.status());
            assertEquals(Severity.SEV1, incident.severity());
            assertNotNull(incident.acknowledgedAt());
            Postmortem pm = hikeshi.core().postmortems().get(id);
            assertTrue(pm.isComplete(), "completed: " + pm);
            assertTrue(pm.actionItems().get(0).done());
        }
    }

    // ---- steps ----

    private interface Request {
        JsonNode send() throws Exception;
    }

    /** Sends one request, lets local mode finish what it queued, and returns (and lists) the Slack calls it made. */
    private List<String> step(String name, Request request) throws Exception {
        JsonNode answer = request.send();
        assertTrue(answer == null || !answer.has("errors"), name + ": " + answer);
        hikeshi.settle();
        List<String> lines = Files.readAllLines(slackLog, StandardCharsets.UTF_8);
        List<JsonNode> calls = new ArrayList<>();
        for (String line : lines.subList(logged, lines.size())) {
            calls.add(JSON.readTree(line));
        }
        logged = lines.size();
        // a 429 is weather, not a refusal: SlackCalls waited it out and sent the call again (logged as a call of its own);
        // whether one happens depends on how fast the steps follow each other (a channel's burst of three posts)
        calls.removeIf(call -> "ratelimited".equals(call.path("error").asText()));
        calls.forEach(call -> assertTrue(call.path("ok").asBoolean(), name + ": Slack refused " + call));
        List<String> methods = calls.stream().map(c -> c.path("method").asText()).toList();
        table.add(String.format("%-40s %s", name, summary(methods)));
        return methods;
    }

    /** {@code chat.postMessage ×3, chat.update}: each method once, with how often it was called. */
    private static String summary(List<String> methods) {
        if (methods.isEmpty()) {
            return "(none)";
        }
        Map<String, Long> counts = methods.stream().collect(Collectors.groupingBy(m -> m, LinkedHashMap::new,
                Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " ×" + e.getValue() : ""))
                .collect(Collectors.joining(", "));
    }

    /** The private metadata of the modal Slack was last asked to open (its version travels there). */
    private String lastModalMetadata() throws IOException {
        List<String> lines = Files.readAllLines(slackLog, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode call = JSON.readTree(lines.get(i));
            if (call.path("method").asText().equals("views.open")) {
                return call.path("args").path("view").path("private_metadata").asText();
            }
        }
        throw new AssertionError("no modal was opened");
    }

    /** The action item the checklist offers to edit: the value of its first option. */
    private static String actionItemOffered(JsonNode checklist) {
        for (JsonNode element : checklist.findValues("elements")) {
            for (JsonNode control : element) {
                if (SlackIds.Action.EDIT_ACTION_ITEM.id().equals(control.path("action_id").asText())) {
                    return control.path("options").get(0).path("value").asText();
                }
            }
        }
        throw new AssertionError("the checklist offers no action item: " + checklist);
    }

    // ---- Slack's requests ----

    private JsonNode command(String line, String channel) throws Exception {
        String[] parts = line.split(" ", 2);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team_id", "T0HIKESHI");
        form.put("channel_id", channel);
        form.put("user_id", ALICE);
        form.put("user_name", "alice");
        form.put("command", parts[0]);
        form.put("text", parts.length > 1 ? parts[1] : "");
        form.put("api_app_id", "A0HIKESHI");
        form.put("response_url", "https://hooks.slack.com/commands/local");
        form.put("trigger_id", "local." + UUID.randomUUID());
        return post(form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private JsonNode interaction(ObjectNode payload) throws Exception {
        return post("payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8));
    }

    private JsonNode post(String body) throws Exception {
        Map<String, String> headers = SlackSigner.headers(hikeshi.signingSecret(), Instant.now().getEpochSecond(), body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hikeshi.port() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body().isBlank() ? null : JSON.readTree(response.body());
    }

    private static ObjectNode sample(String file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events", file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A modal submitted with these input values ({@code block → element state}). */
    private static ObjectNode submission(String callbackId, String privateMetadata, Map<String, Object> values) {
        ObjectNode payload = sample("slack-view-submission-declare.json");
        ObjectNode view = (ObjectNode) payload.path("view");
        view.put("id", "V" + UUID.randomUUID().toString().substring(0, 10).toUpperCase(java.util.Locale.ROOT));
        view.put("callback_id", callbackId).put("private_metadata", privateMetadata);
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((block, value) -> state.putObject(block).set("value", JSON.valueToTree(value)));
        return payload;
    }

    /** A click on the war room's incident card. */
    private ObjectNode cardClick(String actionId, String value, String room) {
        String cardTs = hikeshi.core().storage().warRooms().find(IncidentId.parse(value)).orElseThrow().cardTs();
        ObjectNode payload = click(actionId, value, false, room);
        ((ObjectNode) payload.path("container")).put("message_ts", cardTs);
        ((ObjectNode) payload.path("message")).put("ts", cardTs);
        return payload;
    }

    /** A click on the postmortem checklist, the command's private answer in {@code room}. */
    private static ObjectNode checklistClick(String actionId, String value, boolean select, String room) {
        ObjectNode payload = click(actionId, value, select, room);
        ((ObjectNode) payload.path("container")).put("is_ephemeral", true);
        return payload;
    }

    private static ObjectNode click(String actionId, String value, boolean select, String room) {
        ObjectNode payload = sample("slack-block-actions-acknowledge.json");
        ((ObjectNode) payload.path("user")).put("id", ALICE).put("username", "alice").put("name", "alice");
        ((ObjectNode) payload.path("container")).put("channel_id", room);
        ((ObjectNode) payload.path("channel")).put("id", room);
        payload.put("trigger_id", "local." + UUID.randomUUID());
        ObjectNode action = (ObjectNode) payload.path("actions").get(0);
        action.put("action_id", actionId);
        if (select) {
            action.put("type", "static_select").remove("value");
            action.putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text").put("text", value);
        } else {
            action.put("value", value);
        }
        return payload;
    }

    private static Map<String, Object> text(String value) {
        return Map.of("type", "plain_text_input", "value", value);
    }

    private static Map<String, Object> selected(String value) {
        return Map.of("type", "static_select", "selected_option", Map.of("value", value,
                "text", Map.of("type", "plain_text", "text", value)));
    }
}
