package io.hikeshi.slackstub;

import java.util.List;

/**
 * A rule applied to one call: either a refusal (nothing was done, Slack's error was answered) or, for the one
 * rule that does not refuse (a message text over 40,000 characters), the warning that came with a truncated post.
 *
 * @param rule       the rule that decided
 * @param method     the Web API method called
 * @param httpStatus the HTTP status answered (429 for a rate limit, else 200)
 * @param error      the {@code error} code answered, or {@code null} when the call succeeded with a warning
 * @param messages   what Slack says of the breach: its {@code [ERROR] ...} schema messages with their JSON pointers, or
 *                   the {@code [WARN]} of a truncation (chat.postEphemeral answers without them, but they are kept
 *                   here), possibly empty
 * @param call       the recorded call
 */
public record Enforcement(Rule rule, String method, int httpStatus, String error, List<String> messages,
                          SlackApiStub.Call call) {
    public Enforcement {
        messages = List.copyOf(messages);
    }

    /** True when the call was refused and nothing was done. */
    public boolean refused() {
        return error != null;
    }
}
