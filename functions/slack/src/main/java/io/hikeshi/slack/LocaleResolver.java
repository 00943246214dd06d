package io.hikeshi.slack;

import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.i18n.Messages;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Speaks each person's language: their Slack locale (users.info, cached for the life of the
 * function instance), or the configured default when Slack does not say or cannot be asked.
 */
public final class LocaleResolver {

    private final Locale fallback;
    private final Map<String, Locale> byUser = new ConcurrentHashMap<>();

    public LocaleResolver(Locale fallback) {
        this.fallback = fallback;
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
        return byUser.computeIfAbsent(userId, id -> {
            try {
                var response = client.usersInfo(r -> r.user(id).includeLocale(true));
                String tag = response.isOk() && response.getUser() != null ? response.getUser().getLocale() : null;
                return tag == null ? fallback : Messages.parseLocale(tag);
            } catch (Exception e) {
                return fallback;
            }
        });
    }
}
