package io.hikeshi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.slackstub.SlackApiStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlackCallLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void refusedCall_isWrittenWithOkFalseAndSlacksError_blocksAsJson_andNoToken(@TempDir Path dir) throws Exception {
        // GIVEN a call Slack refused, with blocks, a text that is not JSON though it looks like it, and a token
        Map<String, String> args = new LinkedHashMap<>();
        args.put("channel", "C0NOWHERE");
        args.put("text", "[障害] 決済 🔥");
        args.put("blocks", "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"決済 🔥\"}}]");
        args.put("token", "xoxb-secret");
        SlackApiStub.Call call = new SlackApiStub.Call("chat.postMessage", args, "Bearer xoxb-secret", 0);
        Path file = dir.resolve("logs").resolve("slack.jsonl");

        // WHEN it is written twice, by two runs
        for (int run = 0; run < 2; run++) {
            try (SlackCallLog log = SlackCallLog.appendingTo(file)) {
                log.write(new SlackApiStub.Answer(call, 200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
            }
        }

        // THEN two lines, each the whole call: blocks as JSON, the text as written, Slack's error, no token
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        JsonNode line = JSON.readTree(lines.get(0));
        assertEquals("chat.postMessage", line.path("method").asText());
        assertEquals("section", line.path("args").path("blocks").get(0).path("type").asText());
        assertEquals("[障害] 決済 🔥", line.path("args").path("text").asText());
        assertFalse(line.path("ok").asBoolean());
        assertEquals("channel_not_found", line.path("error").asText());
        assertFalse(line.path("args").has("token"));
        assertFalse(lines.get(0).contains("xoxb-secret"));
        assertTrue(line.path("ok").isBoolean());
    }
}
