package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.handlers.wiring.ConfiguredServiceDirectory;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The response guide as a checklist, through signed Slack requests against the strict stub: posted with a checkbox per
 * step (at most ten an element), each tick and untick on the timeline once with who did it, the message redrawn for
 * everyone, and a guide of sixty steps within Slack's limits.
 */
class GuideChecklistSlackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOB = "U0BOB";

    private StrictSlackRig rig;
    private int clicks = 100_000;

    @AfterEach
    void close() {
        rig.close();
    }

    /** The guide's message as Slack keeps it: its ts, its fallback text and its blocks as last posted or updated. */
    private record Guide(String ts, String text, ArrayNode blocks) {

        List<JsonNode> checkboxes() {
            List<JsonNode> found = new ArrayList<>();
            blocks.forEach(b -> b.path("elements").forEach(e -> {
                if (e.path("type").asText().equals("checkboxes")) {
                    found.add(b);
                }
            }));
            return found;
        }

        /** The block and option of step {@code number} (1-based). */
        Map.Entry<String, JsonNode> option(int number) {
            for (JsonNode block : checkboxes()) {
                for (JsonNode option : block.path("elements").get(0).path("options")) {
                    if (option.path("value").asText().startsWith(number + "|")) {
                        return Map.entry(block.path("block_id").asText(), option);
                    }
                }
            }
            throw new AssertionError("no step " + number);
        }
    }

    /** The guide the war room posted, as the last chat.postMessage or chat.update of it left it. */
    private Guide guide() {
        String channel = rig.room().channelId();
        Guide guide = null;
        for (SlackApiStub.Call call : rig.slack.calls()) {
            String blocks = call.params().getOrDefault("blocks", "");
            if (!blocks.contains(SlackIds.Block.GUIDE_STEPS.id()) || !channel.equals(call.param("channel"))) {
                continue;
            }
            String ts = call.method().equals("chat.update") ? call.param("ts") : rig.slack.messages(channel).stream()
                    .filter(m -> m.text().equals(call.param("text"))).findFirst().orElseThrow().ts();
            guide = new Guide(ts, call.param("text"), (ArrayNode) read(blocks));
        }
        assertTrue(guide != null, "the guide was posted");
        return guide;
    }

    /** {@code user} clicks the checkboxes of step {@code number}'s group on a message showing {@code seen}, leaving {@code ticked}. */
    private void click(String user, Guide seen, int number, List<Integer> ticked) {
        Map.Entry<String, JsonNode> step = seen.option(number);
        ObjectNode payload = rig.cardAction(SlackIds.Action.TICK_GUIDE_STEP.id(), "", false);
        ((ObjectNode) payload.path("user")).put("id", user);
        ((ObjectNode) payload.path("container")).put("message_ts", seen.ts());
        ((ObjectNode) payload.path("message")).put("ts", seen.ts()).put("text", seen.text()).set("blocks", seen.blocks());
        ObjectNode action = (ObjectNode) payload.path("actions").get(0);
        // each click its own action_ts: the same body twice would be a replay, which the signature guard refuses
        action.put("type", "checkboxes").put("block_id", step.getKey()).put("action_ts", "1795403612." + ++clicks)
                .remove("value");
        ArrayNode selected = action.putArray("selected_options");
        ticked.forEach(n -> selected.add(seen.option(n).getValue()));
        assertEquals(200, rig.interaction(payload).path("statusCode").asInt());
    }

    /** What Slack answers for the guide's message, as its last post or update left it (the redraw reads it). */
    private void slackKeeps(Guide guide) {
        ObjectNode answer = JSON.createObjectNode().put("ok", true).put("has_more", false);
        answer.putArray("messages").addObject().put("type", "message").put("user", SlackApiStub.BOT_USER_ID)
                .put("bot_id", SlackApiStub.BOT_ID).put("ts", guide.ts()).put("text", guide.text())
                .set("blocks", guide.blocks());
        rig.slack.respond("conversations.history", answer.toString());
    }

    private List<TimelineEntry> ticks() {
        return rig.timeline().stream().filter(e -> e.kind() == TimelineKind.GUIDE_STEP).toList();
    }

    @Test
    void theGuide_isCheckboxes_eachTickAndUntickIsRecordedOnce_withWho_andEveryoneSeesWhoTicked() {
        rig = new StrictSlackRig(HostileData.all()[1]);
        rig.openIncidentWithWarRoom();
        Guide posted = guide();
        List<String> steps = ConfiguredServiceDirectory.load(JSON, null, "infrastructure/guides")
                .guide(rig.stored().service(), rig.stored().severity()).steps();

        // THEN every step has its checkbox, at most ten to an element, and the message keeps its text for notifications
        assertEquals(steps.size(), posted.checkboxes().stream()
                .mapToInt(b -> b.path("elements").get(0).path("options").size()).sum());
        posted.checkboxes().forEach(b -> assertTrue(b.path("elements").get(0).path("options").size() <= 10));
        assertTrue(posted.text().contains(rig.m.get("warroom.guide.header").replace("{0}", "").strip()), posted.text());

        // WHEN Bob (not in the room, not commanding) ticks step 2
        click(BOB, posted, 2, List.of(2));

        // THEN one entry says he ticked it, in Japanese and in English
        assertEquals(1, ticks().size());
        TimelineEntry tick = ticks().get(0);
        assertEquals(BOB, tick.actor());
        assertTrue(steps.get(1).startsWith(tick.params().get("step").replace("…", "")), tick.params().toString());
        assertTrue(TimelineText.render(tick, Messages.of(Messages.JAPANESE)).startsWith(BOB + " が「"));
        assertTrue(TimelineText.render(tick, Messages.of(Messages.ENGLISH)).startsWith(BOB + " ticked \""));

        // AND the message is redrawn for everyone (after the answer): step 2 ticked, and who ticked it
        slackKeeps(posted);
        rig.runTasks();
        Guide redrawn = guide();
        JsonNode group = redrawn.checkboxes().get(0).path("elements").get(0);
        assertEquals(1, group.path("initial_options").size());
        assertEquals(posted.option(2).getValue(), group.path("initial_options").get(0));
        assertTrue(redrawn.blocks().toString().contains("<@" + BOB + ">"), "who ticked it: " + redrawn.blocks());

        // WHEN the same click comes again, and Alice ticks step 2 on a copy drawn before Bob's tick
        click(BOB, posted, 2, List.of(2));
        click(StrictSlackRig.USER, posted, 2, List.of(2));

        // THEN nothing more is recorded
        assertEquals(1, ticks().size());

        // WHEN Alice unticks it on the redrawn message
        click(StrictSlackRig.USER, redrawn, 2, List.of());

        // THEN that is recorded too, with her name
        assertEquals(2, ticks().size());
        TimelineEntry untick = ticks().get(1);
        assertEquals(StrictSlackRig.USER, untick.actor());
        assertTrue(TimelineText.render(untick, Messages.of(Messages.JAPANESE)).endsWith("の完了を取り消しました"));
        assertTrue(TimelineText.render(untick, Messages.of(Messages.ENGLISH)).startsWith(StrictSlackRig.USER + " unticked"));
        slackKeeps(redrawn);
        rig.runTasks();
        assertTrue(guide().checkboxes().get(0).path("elements").get(0).path("initial_options").isMissingNode(),
                "nothing ticked any more");
    }

    @Test
    void aGuideOfSixtySteps_fitsSlacksLimits_andItsLastStepCanBeTicked() throws IOException {
        Path guides = Files.createTempDirectory("guides");
        StringBuilder guide = new StringBuilder("# Sixty steps\n\nRead this first: it stays text.\n\n## Any\n\n");
        IntStream.rangeClosed(1, 60).forEach(n -> guide.append("- [ ] ").append(n).append(" 手順 <!channel> & ")
                .append("ロールバックして確認する ".repeat(n % 3 == 0 ? 20 : 1)).append('\n'));
        Files.writeString(guides.resolve("default.md"), guide.toString());
        rig = new StrictSlackRig(HostileData.all()[1], Map.of(StrictSlackRig.GUIDES, guides.toString()));

        // WHEN the room is built (the strict stub refuses anything over Slack's limits, which would fail the build)
        rig.openIncidentWithWarRoom();
        Guide posted = guide();

        // THEN all sixty steps have a checkbox, in elements of ten, within 50 blocks
        assertEquals(6, posted.checkboxes().size());
        posted.checkboxes().forEach(b -> assertEquals(10, b.path("elements").get(0).path("options").size()));
        assertTrue(posted.blocks().size() <= 50, "blocks: " + posted.blocks().size());
        assertTrue(posted.blocks().toString().contains("&lt;!channel&gt;"), "the guide's words are escaped");

        // AND the last step is ticked, recorded and redrawn within the limits
        click(BOB, posted, 60, List.of(60));
        assertEquals(1, ticks().size());
        slackKeeps(posted);
        rig.runTasks();
        assertTrue(guide().blocks().size() <= 50);
        assertEquals(List.of(), SlackApiStub.messageBlocksBreaches(guide().blocks().toString()));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
