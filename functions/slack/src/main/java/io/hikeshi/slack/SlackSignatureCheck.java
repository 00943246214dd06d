package io.hikeshi.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.request.RequestHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Slack's request signature (v0, HMAC-SHA256 of {@code v0:<timestamp>:<body>}), checked on the raw
 * body before anything parses it, against the signing secret as it is now: a rotated secret takes
 * effect when the secrets cache picks it up, and the previous one is refused from then on.
 *
 * <p>Slack's rule (https://docs.slack.dev/authentication/verifying-requests-from-slack): refuse a
 * timestamp more than five minutes from the local clock. Bolt's own check refuses only old ones and
 * reads the machine's clock; this one refuses both directions on an injected clock, so a request
 * stamped in the future cannot outlive the replay guard's record of its signature.
 */
public final class SlackSignatureCheck {

    /** Slack's window, either side of our clock. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final Supplier<String> signingSecret;
    private final Clock clock;

    public SlackSignatureCheck(Supplier<String> signingSecret, Clock clock) {
        this.signingSecret = signingSecret;
        this.clock = clock;
    }

    /** @return why the request is refused, or empty when Slack signed it just now */
    public Optional<String> refusal(RequestHeaders headers, String body) {
        String timestamp = headers.getFirstValue(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
        String signature = headers.getFirstValue(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
        if (timestamp == null || signature == null) {
            return Optional.of("unsigned");
        }
        Optional<Instant> signedAt = epochSeconds(timestamp);
        if (signedAt.isEmpty()) {
            return Optional.of("unreadable timestamp");
        }
        Instant now = clock.instant();
        if (signedAt.get().isBefore(now.minus(WINDOW))) {
            return Optional.of("timestamp too old");
        }
        if (signedAt.get().isAfter(now.plus(WINDOW))) {
            return Optional.of("timestamp in the future");
        }
        String expected = new SlackSignature.Generator(signingSecret.get()).generate(timestamp, body);
        return sameText(expected, signature) ? Optional.empty() : Optional.of("signature mismatch");
    }

    /**
     * Headers for {@code body} signed as Slack signs it now, with the current secret: for running a
     * genuine request through the whole path before a SnapStart snapshot, never for answering anyone.
     */
    public Map<String, List<String>> signedHeaders(String body) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        return Map.of(
                SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, List.of(timestamp),
                SlackSignature.HeaderNames.X_SLACK_SIGNATURE,
                List.of(new SlackSignature.Generator(signingSecret.get()).generate(timestamp, body)));
    }

    private static Optional<Instant> epochSeconds(String timestamp) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(timestamp.trim())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** In constant time, so the comparison does not tell an attacker how much of a guess was right. */
    private static boolean sameText(String expected, String given) {
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
