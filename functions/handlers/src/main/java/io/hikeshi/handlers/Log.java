package io.hikeshi.handlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on stdout, which Lambda ships to CloudWatch Logs and Logs Insights
 * can query by field. Deliberately tiny: the handlers log one line per event.
 */
public final class Log {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.List<String> LEVELS = java.util.List.of("DEBUG", "INFO", "WARN", "ERROR");
    /** LOG_LEVEL (template.yaml sets it) or -Dhikeshi.logLevel; INFO by default. */
    private static final int THRESHOLD = Math.max(0, LEVELS.indexOf(System.getProperty("hikeshi.logLevel",
            System.getenv().getOrDefault("LOG_LEVEL", "INFO")).toUpperCase(java.util.Locale.ROOT)));

    private Log() { }

    public static void info(String message, Object... keyValues) {
        write("INFO", message, keyValues);
    }

    public static void warn(String message, Object... keyValues) {
        write("WARN", message, keyValues);
    }

    public static void error(String message, Object... keyValues) {
        write("ERROR", message, keyValues);
    }

    private static void write(String level, String message, Object... keyValues) {
        if (LEVELS.indexOf(level) < THRESHOLD) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1] == null ? null : String.valueOf(keyValues[i + 1]));
        }
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            System.out.println(level + " " + message);
        }
    }
}
