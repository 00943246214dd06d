package io.hikeshi.slackstub;

import java.util.List;
import java.util.Objects;

/**
 * One limit Slack enforces, as the strict stub enforces it.
 *
 * @param id          stable identifier, e.g. {@code "conversations.create.name_specials"}
 * @param methods     the Web API methods it applies to
 * @param description what is refused, in a sentence
 * @param error       the {@code error} code Slack answers (for rate limits: {@code ratelimited}, with HTTP 429)
 * @param source      the Slack reference page that states the limit
 * @param quote       the sentence on that page that states it
 */
public record Rule(String id, List<String> methods, String description, String error, String source, String quote) {
    public Rule {
        Objects.requireNonNull(id, "id");
        methods = List.copyOf(methods);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(quote, "quote");
    }
}
