package io.hikeshi.ingest.webhook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One configured alert source: its name (the URL path {@code /alerts/<name>}), the body format it
 * sends, and how it proves who it is.
 *
 * @param secretRef       where its secret lives (e.g. {@code ssm:/hikeshi/integrations/alertmanager})
 * @param signatureHeader for HMAC: the header carrying the hex signature
 * @param timestampHeader for HMAC: the header carrying the signing time, or null when the sender
 *                        signs the body alone (then replays are caught by delivery dedup only)
 */
public record Integration(String name, WebhookFormat format, Auth auth, String secretRef,
                          String signatureHeader, String timestampHeader) {

    public enum Auth {
        /** {@code Authorization: Bearer <secret>}: for senders that can only add a header. */
        BEARER,
        /** HMAC-SHA256 of the body (with a timestamp when the sender sends one), hex encoded. */
        HMAC
    }

    /**
     * The timestamp header Grafana's own provisioning examples name; Hikeshi's docs named another
     * ({@code X-Grafana-Alerting-Signature-Timestamp}). Grafana sends whichever its contact point names,
     * and does not retry a refused notification, so a Grafana integration accepts both.
     */
    static final List<String> GRAFANA_TIMESTAMP_HEADERS = List.of("X-Grafana-Alerting-Timestamp",
            "X-Grafana-Alerting-Signature-Timestamp");

    public Integration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(secretRef, "secretRef");
        if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("integration name '" + name + "' must be lowercase letters, digits, '-'");
        }
        if (auth == Auth.HMAC && (signatureHeader == null || signatureHeader.isBlank())) {
            throw new IllegalArgumentException("integration " + name + ": hmac needs a signatureHeader");
        }
    }

    /** The headers, lower-case, in which the signing time may arrive: the configured one first. */
    public List<String> timestampHeaders() {
        if (timestampHeader == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>(List.of(timestampHeader.toLowerCase(Locale.ROOT)));
        if (format == WebhookFormat.GRAFANA) {
            GRAFANA_TIMESTAMP_HEADERS.forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
        }
        return List.copyOf(names);
    }
}
