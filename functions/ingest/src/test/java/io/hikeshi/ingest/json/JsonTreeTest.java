package io.hikeshi.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming tree reader builds exactly the tree ObjectMapper.readTree builds, and refuses what it refuses. */
class JsonTreeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every sample event, every corpus payload, the fuzzers' seeds for the parsers and the bundled configuration. */
    static Stream<Path> documents() throws IOException {
        List<Path> roots = List.of(Path.of("events"), Path.of("functions/ingest/src/test/resources"),
                Path.of("infrastructure/config"));
        Stream<Path> all = Stream.empty();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                List<Path> found = files.filter(Files::isRegularFile)
                        .filter(f -> !f.toString().endsWith(".md") && !f.toString().endsWith(".txt")).toList();
                all = Stream.concat(all, found.stream());
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyDocument_readsAsTheMappersTree(Path document) throws IOException {
        byte[] bytes = Files.readAllBytes(document);
        JsonNode expected;
        try {
            expected = MAPPER.readTree(bytes);
        } catch (JsonProcessingException notJson) {
            // a fuzzer's seed may be no JSON at all: refused alike
            assertThrows(JsonProcessingException.class, () -> JsonTree.read(bytes));
            return;
        }
        assertEquals(expected, JsonTree.read(bytes));
        assertEquals(expected, JsonTree.read(new ByteArrayInputStream(bytes)));
    }

    @ParameterizedTest(name = "[{index}] <{0}>")
    @ValueSource(strings = {
            "{\"a\":1,\"a\":2}",                                   // the last of repeated keys wins
            "[2147483647,2147483648,9223372036854775807,9223372036854775808,-1]",  // int, long, big integer
            "{\"f\":1.5,\"e\":1e3,\"n\":-0.0,\"tiny\":4.9e-324}",  // decimals as doubles
            "{\"t\":true,\"f\":false,\"z\":null,\"s\":\"\\u3042\\n\"}",
            "{\"deep\":[[[{\"x\":[]}]]],\"empty\":{}}",
            "\"just a string\"", "42", "null",
            "{\"a\":1} trailing words",                            // after the first value: ignored, as readTree does
            "", "   "})                                            // nothing: a missing node
    void edgeCases_readAsTheMappersTree(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(MAPPER.readTree(bytes), JsonTree.read(bytes));
        assertEquals(MAPPER.readTree(bytes).getNodeType(), JsonTree.read(bytes).getNodeType());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{", "{\"a\":}", "[1,]", "{'a':1}", "{\"a\":1,}", "nul", "\"unterminated", "{\"a\" 1}"})
    void malformedText_isRefusedAsTheMapperRefusesIt(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(bytes));
        assertThrows(JsonProcessingException.class, () -> JsonTree.read(bytes));
    }

    @Test
    void nestingDeeperThanTheParserAllows_isRefused() {
        byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(deep));
        assertThrows(JsonProcessingException.class, () -> JsonTree.read(deep));
    }

    @Test
    void anAnswer_isWrittenAsTheMapperWritesIt_nullsIncluded_inOrder() throws IOException {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("outcome", "OPENED");
        answer.put("incident", null);
        answer.put("detail", "\"quoted\" <b>&</b> \u3042\n");
        ByteArrayOutputStream written = new ByteArrayOutputStream();

        JsonTree.writeObject(written, answer);

        assertEquals(MAPPER.writeValueAsString(answer), written.toString(StandardCharsets.UTF_8));
        assertTrue(written.toString(StandardCharsets.UTF_8).startsWith("{\"outcome\":\"OPENED\",\"incident\":null"));
    }
}
