package io.hikeshi.slack.access;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.User;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a person is a guest of the workspace, from users.info ({@code is_restricted}: a multi-channel guest;
 * {@code is_ultra_restricted}: a single-channel one; https://docs.slack.dev/reference/objects/user-object). Answers
 * are kept for a short while on an injected clock, so a burst of clicks asks Slack once (users.info is Tier 4) and a
 * guest promoted to member, or a member made a guest, is seen within minutes.
 */
public final class SlackPeople {

    /** How long an answer is kept. */
    public static final Duration TTL = Duration.ofMinutes(5);

    private record Known(boolean guest, Instant until) { }

    private final Clock clock;
    private final Map<String, Known> byUser = new ConcurrentHashMap<>();

    public SlackPeople(Clock clock) {
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when Slack cannot say (the caller refuses: nobody is taken for a member unasked)
     */
    public boolean isGuest(String userId, MethodsClient client) throws IOException, SlackApiException {
        Instant now = clock.instant();
        Known known = byUser.get(userId);
        if (known != null && now.isBefore(known.until())) {
            return known.guest();
        }
        var response = client.usersInfo(r -> r.user(userId));
        if (!response.isOk() || response.getUser() == null) {
            throw new IllegalStateException("users.info failed: " + response.getError());
        }
        User user = response.getUser();
        boolean guest = user.isRestricted() || user.isUltraRestricted();
        byUser.put(userId, new Known(guest, now.plus(TTL)));
        return guest;
    }
}
