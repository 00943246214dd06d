package io.hikeshi.core.access;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signed, expiring links to the incident web page, handed out by {@code /incident web} in Slack:
 * only people in the workspace can ask for one, and a link stops working when it expires. A token
 * is {@code base64url(user|expiresEpochSeconds).hex(HMAC-SHA256(key, that))}; it is checked in
 * constant time, and a forged, altered or expired token gets nothing.
 *
 * <p>The key is read on every use, so a rotated key takes effect as soon as its source says so:
 * links signed with the previous key stop working then (no grace period: a person asks for a new
 * link with {@code /incident web}).
 */
public final class SignedLinks {

    private static final int SHORTEST_KEY = 16;

    private final Supplier<String> key;
    private final Clock clock;

    public SignedLinks(String key, Clock clock) {
        this(() -> key, clock);
    }

    /** @param key the current key, read on every use (a secrets cache, so a rotation is picked up) */
    public SignedLinks(Supplier<String> key, Clock clock) {
        this.key = key;
        this.clock = clock;
        if (!longEnough(key.get())) {
            throw new IllegalArgumentException("the web signing key must be at least " + SHORTEST_KEY + " characters");
        }
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
        String current = key.get();
        if (!longEnough(current)) {
            throw new IllegalStateException("the web signing key must be at least " + SHORTEST_KEY + " characters");
        }
        return Hmac.sha256Hex(current, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean longEnough(String key) {
        return key != null && key.length() >= SHORTEST_KEY;
    }
}
