package io.hikeshi.core.access;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed, expiring links to the incident web page, handed out by {@code /incident web} in Slack:
 * only people in the workspace can ask for one, and a link stops working when it expires. A token
 * is {@code base64url(user|expiresEpochSeconds).hex(HMAC-SHA256(key, that))}; it is checked in
 * constant time, and a forged, altered or expired token gets nothing.
 */
public final class SignedLinks {

    private final String key;
    private final Clock clock;

    public SignedLinks(String key, Clock clock) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("the web signing key must be at least 16 characters");
        }
        this.key = key;
        this.clock = clock;
    }

    public String issue(String user, Duration validFor) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (user + "|" + clock.instant().plus(validFor).getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return payload + "." + sign(payload);
    }

    /** @return who the token was issued to, if it is genuine and not expired */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        if (!Hmac.equal(sign(payload), token.substring(dot + 1))) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\\|");
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            return clock.instant().isBefore(expires) ? Optional.of(parts[0]) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        return Hmac.sha256Hex(key, payload.getBytes(StandardCharsets.UTF_8));
    }
}
