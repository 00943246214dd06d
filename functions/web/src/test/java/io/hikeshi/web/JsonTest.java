package io.hikeshi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON export is written without a JSON library, and reads exactly as Jackson wrote it before. */
class JsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void write_matchesJackson_forEveryKindOfValueTheExportHolds() throws Exception {
        // GIVEN values with everything a title or a description may hold: quotes, backslashes, every
        // control character, markup, Japanese, an emoji, the line separators JavaScript once choked on
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("plain", "Payment API returns 5xx");
        value.put("quoted", "\"=HYPERLINK(\\\"evil\\\")\" </script>");
        value.put("controls", controls + "\u007f");
        value.put("words", "決済 API の障害 🔥 \u2028\u2029 é");
        value.put("count", 42L);
        value.put("small", 7);
        value.put("missing", null);
        value.put("flag", true);
        value.put("list", Arrays.asList("a", null, 3L, List.of()));
        value.put("nested", Map.of("k", "v"));

        // WHEN written by both
        String ours = Json.write(value);
        String jackson = JACKSON.writeValueAsString(value);

        // THEN byte for byte the same
        assertEquals(jackson, ours);
    }

    @Test
    void write_refusesWhatIsNotJson_ratherThanWritingItsToString() {
        // GIVEN an object with no JSON form
        Object notJson = new Object();

        // WHEN written
        // THEN refused, naming the type
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", notJson)));
    }
}
