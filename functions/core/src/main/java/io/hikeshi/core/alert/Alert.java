package io.hikeshi.core.alert;

import io.hikeshi.core.incident.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert, normalised from whatever monitor sent it (CloudWatch, a webhook).
 *
 * @param source   the monitor, e.g. {@code cloudwatch}
 * @param key      the dedup key: one open incident per key (for CloudWatch, the alarm ARN)
 * @param name     the alert's name, matched by routing patterns (for CloudWatch, the alarm name)
 * @param state    the monitor's own word for the state, e.g. {@code ALARM}, kept for the record
 * @param at       when the state began, by the monitor's clock: orders out-of-order deliveries
 * @param service  the owning service if the alert says so (e.g. an alarm tag), else null
 * @param severity the severity if the alert says so, else null
 */
public record Alert(String source, String key, String name, Signal signal, String state, Instant at,
                    String summary, String service, Severity severity, Map<String, String> details) {

    public Alert {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        summary = summary == null ? "" : summary;
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
