package io.hikeshi.core.alert;

import io.hikeshi.core.incident.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert, normalised from whatever monitor sent it (CloudWatch, a webhook).
 *
 * @param source   the monitor, e.g. {@code cloudwatch}
 * @param key      the dedup key: one open incident per key (for CloudWatch, the alarm ARN); a key longer
 *                 than {@link #MAX_KEY_BYTES} is replaced by its hash, the original kept in
 *                 {@code details} under {@link #ORIGINAL_KEY}
 * @param name     the alert's name, matched by routing patterns (for CloudWatch, the alarm name)
 * @param state    the monitor's own word for the state, e.g. {@code ALARM}, kept for the record
 * @param at       when the state began, by the monitor's clock: orders out-of-order deliveries
 * @param service  the owning service if the alert says so (e.g. an alarm tag), else null
 * @param severity the severity if the alert says so, else null
 * @param missing  what the monitor left out or said in words Hikeshi does not know (field names, as the
 *                 monitor spells them): the alert is taken as it is and the gaps noted on the timeline
 * @param toldAt   when Hikeshi was told (the request arrived), by its own clock: an incident the alert opens
 *                 is detected then, so time-to-acknowledge and the channel's date do not count the days an
 *                 alert fired silenced before it was sent (Alertmanager keeps the first {@code startsAt})
 */
public record Alert(String source, String key, String name, Signal signal, String state, Instant at,
                    String summary, String service, Severity severity, Map<String, String> details,
                    List<String> missing, Instant toldAt) {

    /**
     * DynamoDB refuses a partition key over 2048 bytes and a sort key over 1024; the alert key is stored
     * in both roles (with prefixes), so a longer one (a long Alertmanager group key, a Datadog scope of
     * many tags) would be refused on every retry.
     */
    public static final int MAX_KEY_BYTES = 512;
    public static final String ORIGINAL_KEY = "originalAlertKey";

    public Alert {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        summary = summary == null ? "" : summary;
        details = details == null ? Map.of() : details;
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            Map<String, String> withOriginal = new LinkedHashMap<>(details);
            withOriginal.put(ORIGINAL_KEY, key);
            details = withOriginal;
            key = source + ":sha256:" + sha256(key);
        }
        details = Map.copyOf(details);
        missing = missing == null ? List.of() : List.copyOf(missing);
        toldAt = toldAt == null ? at : toldAt;
    }

    /** An alert that lacks nothing, told when it began. */
    public Alert(String source, String key, String name, Signal signal, String state, Instant at,
                 String summary, String service, Severity severity, Map<String, String> details) {
        this(source, key, name, signal, state, at, summary, service, severity, details, List.of(), at);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
