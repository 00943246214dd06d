package io.hikeshi.slack;

import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.slack.access.SlackPeople;
import java.time.Clock;
import java.util.Locale;

/**
 * Speaks each person's language: their Slack locale (users.info, asked through {@link SlackPeople}, whose answer
 * the access gate and the names share), or the configured default when Slack does not say or cannot be asked.
 */
public final class LocaleResolver {

    private final Locale fallback;
    private final SlackPeople people;

    /** Its own people, on the system clock (tests of the language alone). */
    public LocaleResolver(Locale fallback) {
        this(fallback, new SlackPeople(Clock.systemUTC()));
    }

    public LocaleResolver(Locale fallback, SlackPeople people) {
        this.fallback = fallback;
        this.people = people;
    }

    public Messages messagesFor(String userId, MethodsClient client) {
        return Messages.of(localeOf(userId, client));
    }

    public Messages defaults() {
        return Messages.of(fallback);
    }

    Locale localeOf(String userId, MethodsClient client) {
        if (userId == null) {
            return fallback;
        }
        try {
            String tag = people.profile(userId, client).locale();
            return tag == null ? fallback : Messages.parseLocale(tag);
        } catch (Exception e) {
            return fallback;
        }
    }
}
