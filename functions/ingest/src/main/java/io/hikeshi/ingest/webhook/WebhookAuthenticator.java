package io.hikeshi.ingest.webhook;

import io.hikeshi.core.access.Hmac;
import io.hikeshi.core.secret.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that a webhook request comes from the integration it claims: a bearer token or an
 * HMAC-SHA256 signature, always compared in constant time. Says why it refused (for the log),
 * never lets the caller tell which part was wrong (the response is a plain 401).
 */
public final class WebhookAuthenticator {

    /** A signed timestamp older or newer than this is a replay or a broken clock. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final Secrets secrets;
    private final Clock clock;

    public WebhookAuthenticator(Secrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @return empty when authentic, else the reason for the log */
    public Optional<String> refusal(Integration integration, Map<String, String> headers, byte[] body) {
        String secret = secrets.secret(integration.secretRef());
        return switch (integration.auth()) {
            case BEARER -> bearer(secret, headers.get("authorization"));
            case HMAC -> hmac(integration, secret, headers, body);
        };
    }

    private static Optional<String> bearer(String secret, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of("no bearer token");
        }
        return Hmac.equal(authorization.substring(7).trim(), secret) ? Optional.empty()
                : Optional.of("wrong bearer token");
    }

    private Optional<String> hmac(Integration integration, String secret, Map<String, String> headers, byte[] body) {
        String signature = headers.get(integration.signatureHeader().toLowerCase(java.util.Locale.ROOT));
        if (signature == null || signature.isBlank()) {
            return Optional.of("no " + integration.signatureHeader() + " header");
        }
        byte[] signed = body;
        if (integration.timestampHeader() != null) {
            String timestamp = integration.timestampHeaders().stream().map(headers::get).filter(Objects::nonNull)
                    .findFirst().orElse(null);
            Optional<String> stale = staleTimestamp(timestamp, integration.timestampHeader());
            if (stale.isPresent()) {
                return stale;
            }
            signed = concat((timestamp + ":").getBytes(StandardCharsets.UTF_8), body);
        }
        String expected = Hmac.sha256Hex(secret, signed);
        String given = signature.trim().replaceFirst("^(?i)sha256=", "").toLowerCase(java.util.Locale.ROOT);
        return Hmac.equal(given, expected) ? Optional.empty() : Optional.of("signature mismatch");
    }

    private Optional<String> staleTimestamp(String timestamp, String header) {
        if (timestamp == null || !timestamp.trim().matches("\\d{1,13}")) {
            return Optional.of("no valid " + header + " header (unix seconds)");
        }
        long value = Long.parseLong(timestamp.trim());
        Instant signedAt = value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        Duration skew = Duration.between(signedAt, clock.instant()).abs();
        return skew.compareTo(MAX_SKEW) > 0 ? Optional.of("timestamp " + signedAt + " is " + skew.toSeconds()
                + " s from now (limit " + MAX_SKEW.toSeconds() + " s)") : Optional.empty();
    }

    public static byte[] hmacSha256(String secret, byte[] message) {
        return Hmac.sha256(secret, message);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
