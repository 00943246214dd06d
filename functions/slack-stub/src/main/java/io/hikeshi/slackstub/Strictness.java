package io.hikeshi.slackstub;

/** How closely the stub holds callers to what Slack accepts. */
public enum Strictness {
    /** Answers almost anything with a plausible success: only for tests of that leniency itself. */
    LENIENT,
    /**
     * Refuses what Slack refuses, answering as Slack does: Block Kit and view limits, text lengths, channel names,
     * membership and archived channels, unknown users, bookmarks and pins, and each method's rate-limit tier.
     * Every rule is listed, with its source, by {@link SlackApiStub#rules()}.
     */
    SLACK
}
