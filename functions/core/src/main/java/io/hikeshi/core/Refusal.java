package io.hikeshi.core;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.i18n.Text;
import java.util.Locale;

/**
 * The domain refuses what was asked, for a reason the person can act on: acknowledging a resolved
 * incident, completing a postmortem that misses a section, an incident that does not exist. The
 * reason is catalogue words, rendered in the reader's language; {@link #getMessage()} is the English,
 * for logs. Anything else thrown is a fault, never shown to a person as a reason.
 */
public class Refusal extends RuntimeException {

    private static final Messages LOG_LANGUAGE = Messages.of(Locale.ENGLISH);

    private final transient Text reason;

    public Refusal(Text reason) {
        super(reason.render(LOG_LANGUAGE));
        this.reason = reason;
    }

    public Refusal(String key, Object... params) {
        this(Text.of(key, params));
    }

    public Text reason() {
        return reason;
    }

    /** The reason in the reader's language. */
    public String reason(Messages messages) {
        return reason.render(messages);
    }
}
