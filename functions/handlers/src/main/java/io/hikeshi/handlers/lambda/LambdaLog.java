package io.hikeshi.handlers.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Set;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * The functions' log: SLF4J, written as one JSON object per line by Log4j's JSON template layout in
 * Powertools' Lambda shape (log4j2.properties), which Lambda ships to CloudWatch Logs and Logs Insights queries by
 * field. Every line of an invocation carries the Lambda context (request id, function name, version,
 * memory, cold start) that {@link #start} puts in the logging context.
 *
 * <p>Fields are {@link #kv key/value arguments}: {@code log.info("alarm event handled", kv("alarm", name))}.
 * Their keys and values are made safe here, because they may come from unauthenticated input (a
 * webhook's labels, an alarm's name) and the encoder escapes only the common control characters.
 */
public final class LambdaLog {

    private LambdaLog() { }

    /** At the start of an invocation; {@code context} is null outside Lambda (tests, local mode). */
    public static void start(Context context) {
        PowertoolsLogging.initializeLogging(context);
    }

    /** At its end, whatever happened: the next invocation starts from a clean logging context. */
    public static void end() {
        PowertoolsLogging.clearState(true);
    }

    /** The keys the layout writes itself; a field of that name is written with a trailing underscore instead of lost. */
    private static final Set<String> RESERVED = Set.of("level", "message", "error", "timestamp", "service", "cold_start",
            "function_arn", "function_memory_size", "function_name", "function_request_id", "function_version",
            "sampling_rate", "xray_trace_id", "correlation_id");

    /**
     * One field of a log line. The value is always written as text: Powertools serializes any other
     * object through its JMESPath-capable Jackson setup, which the artifacts leave out.
     */
    public static StructuredArgument kv(String key, Object value) {
        String name = key == null ? "null" : safe(key);
        return StructuredArguments.entry(RESERVED.contains(name) ? name + "_" : name,
                value == null ? null : safe(String.valueOf(value)));
    }

    /** Fields from alternating keys and values, as the adapters hand them over. */
    public static Object[] kvs(Object... keyValues) {
        Object[] fields = new Object[keyValues.length / 2];
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            fields[i / 2] = kv(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        return fields;
    }

    /**
     * JSON forbids raw control characters in strings; the encoder escapes \n \r \t \b \f and passes the
     * others through, which would make the line unreadable. They are written out as text instead.
     */
    static String safe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\b' && c != '\f';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (control) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
