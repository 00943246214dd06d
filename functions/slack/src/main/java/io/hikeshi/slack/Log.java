package io.hikeshi.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on stdout (Lambda ships it to CloudWatch Logs), written by Jackson so
 * that whatever a request carried cannot break the line. The Slack adapter's only logger; it logs
 * what went wrong, never a person's words.
 */
public final class Log {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Log() { }

    /** Something left undone on purpose, with what it concerned ({@code "incident", "INC-0042"}). */
    public static void warn(String message, String... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", "WARN");
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(keyValues[i], keyValues[i + 1]);
        }
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            System.out.println("WARN " + message);
        }
    }

    public static void error(String message, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", "ERROR");
        line.put("message", message);
        line.put("error", error.toString());
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            System.out.println("ERROR " + message);
        }
    }
}
