package io.hikeshi.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * {@code --slack-log FILE}: one JSON line per Web API call the stub answered, appended as it is answered:
 * {@code {"method": ..., "args": {...}, "ok": true|false, "error": ...}}. Every argument is kept; those Slack takes as
 * JSON (blocks, views, attachments, metadata) are written as JSON, not as strings, so the file can be queried with jq.
 */
final class SlackCallLog implements AutoCloseable {

    /** Arguments whose value Slack parses as JSON. */
    private static final Set<String> JSON_ARGUMENTS = Set.of("blocks", "view", "attachments", "metadata");
    /** Never written down: a token is a secret, even a local one. */
    private static final Set<String> SECRET_ARGUMENTS = Set.of("token");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;

    private SlackCallLog(Writer out) {
        this.out = out;
    }

    /** Appends to {@code file} (created if missing): runs add to what earlier runs wrote. */
    static SlackCallLog appendingTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new SlackCallLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    /** Writes one answered call, and flushes: a line is there as soon as the call was answered. */
    synchronized void write(SlackApiStub.Answer answer) {
        try {
            out.write(JSON.writeValueAsString(line(answer)));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode line(SlackApiStub.Answer answer) {
        ObjectNode line = JSON.createObjectNode();
        line.put("method", answer.call().method());
        ObjectNode args = line.putObject("args");
        answer.call().params().forEach((name, value) -> {
            if (!SECRET_ARGUMENTS.contains(name)) {
                args.set(name, JSON_ARGUMENTS.contains(name) ? asJson(value) : JSON.getNodeFactory().textNode(value));
            }
        });
        JsonNode body = asJson(answer.json());
        line.put("ok", body.path("ok").asBoolean(false));
        if (body.hasNonNull("error")) {
            line.put("error", body.path("error").asText());
        }
        return line;
    }

    /** The value as JSON, or as the string it is when it is not JSON (Slack would answer invalid_blocks). */
    private static JsonNode asJson(String value) {
        try {
            JsonNode parsed = JSON.readTree(value);
            return parsed == null ? JSON.getNodeFactory().textNode(value) : parsed;
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(value);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
