package io.hikeshi.slack.access;

import io.hikeshi.core.access.ActionPolicy;
import java.time.Clock;
import java.util.Objects;

/**
 * Who may use the Slack app: the workspace it serves and the policy for incidents.
 *
 * @param workspace the workspace (or organisation) to admit; null: the bot token's own, as auth.test says
 * @param policy    who may do what, guests included or not
 * @param clock     the clock people act by (how long a users.info answer is kept)
 */
public record AccessSettings(Workspace workspace, ActionPolicy policy, Clock clock) {

    public AccessSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
    }

    /** The bot token's own workspace, the default policy, no guests. */
    public static AccessSettings learnedFromToken(Clock clock) {
        return new AccessSettings(null, ActionPolicy.defaults(), clock);
    }
}
