package io.hikeshi.slack.access;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.User;
import io.hikeshi.slack.Log;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * What Slack says of a person, from one users.info call (https://docs.slack.dev/reference/methods/users.info, with
 * {@code include_locale}): whether they are a guest, their language, and the name their workspace shows. Answers are
 * kept for a short while on an injected clock, so a burst of clicks asks Slack once (users.info is Tier 4) and a
 * guest promoted to member, a member made a guest or a new name is seen within minutes.
 *
 * <p>The user object (https://docs.slack.dev/reference/objects/user-object): {@code is_restricted} is a multi-channel
 * guest, {@code is_ultra_restricted} a single-channel one; {@code profile.display_name} is "the display name the user
 * has chosen" and may be empty, {@code profile.real_name} (and the top-level {@code real_name}) their first and last
 * name, and {@code name} a legacy username Slack says not to rely on: the name shown is the first that is not blank,
 * in that order.
 *
 * <p>A name read from Slack is handed to {@code learned} (which records it in the table for the web page and the
 * exports) when it differs from the last one handed on for that person: once per person per function instance while
 * it stays the same. Recording a name never fails a request: a failure is logged and tried again on the next answer.
 */
public final class SlackPeople {

    /** How long an answer is kept. */
    public static final Duration TTL = Duration.ofMinutes(5);

    /**
     * What users.info said of a person.
     *
     * @param locale their Slack language ({@code ja-JP}), or null when Slack did not say
     * @param name   the name their workspace shows, or null when Slack gave none
     */
    public record Profile(boolean guest, String locale, String name) { }

    /** @param recorded the last name {@code learned} took for them (kept past {@link #TTL}, so only a change is handed on) */
    private record Known(Profile profile, Instant until, String recorded) { }

    private final Clock clock;
    private final BiPredicate<String, String> learned;
    private final Map<String, Known> byUser = new ConcurrentHashMap<>();

    /** Names are not recorded anywhere. */
    public SlackPeople(Clock clock) {
        this(clock, (user, name) -> false);
    }

    /** @param learned records a person's name ({@code PeopleService::learned}) */
    public SlackPeople(Clock clock, BiPredicate<String, String> learned) {
        this.clock = clock;
        this.learned = learned;
    }

    /**
     * @throws IllegalStateException when Slack cannot say (the caller refuses: nobody is taken for a member unasked)
     */
    public boolean isGuest(String userId, MethodsClient client) throws IOException, SlackApiException {
        return profile(userId, client).guest();
    }

    /**
     * What Slack says of {@code userId}, asked at most once per {@link #TTL}.
     *
     * @throws IllegalStateException when Slack answers without the person
     */
    public Profile profile(String userId, MethodsClient client) throws IOException, SlackApiException {
        Instant now = clock.instant();
        Known known = byUser.get(userId);
        if (known != null && now.isBefore(known.until())) {
            return known.profile();
        }
        var response = client.usersInfo(r -> r.user(userId).includeLocale(true));
        if (!response.isOk() || response.getUser() == null) {
            throw new IllegalStateException("users.info failed: " + response.getError());
        }
        User user = response.getUser();
        Profile profile = new Profile(user.isRestricted() || user.isUltraRestricted(), user.getLocale(), shownName(user));
        byUser.put(userId, new Known(profile, now.plus(TTL), record(userId, profile.name(), known)));
        return profile;
    }

    /** The name handed on for {@code userId} from now on: {@code name} once recorded, else what was before. */
    private String record(String userId, String name, Known before) {
        String recorded = before == null ? null : before.recorded();
        if (name == null || name.equals(recorded)) {
            return recorded;
        }
        try {
            learned.test(userId, name);
            return name;
        } catch (RuntimeException e) { // a name is for readers: the person's request goes on without it
            Log.error("a person's name was not recorded; tried again on Slack's next answer", e);
            return recorded;
        }
    }

    /** The display name, else the real name, else the legacy username; null when all are blank. */
    static String shownName(User user) {
        User.Profile profile = user.getProfile();
        return Stream.of(profile == null ? null : profile.getDisplayName(), profile == null ? null : profile.getRealName(),
                        user.getRealName(), user.getName())
                .filter(s -> s != null && !s.isBlank()).map(String::strip).findFirst().orElse(null);
    }
}
