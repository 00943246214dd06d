package io.hikeshi.slack.access;

import com.slack.api.methods.response.auth.AuthTestResponse;
import java.util.Objects;

/**
 * The one Slack workspace (or Enterprise Grid organisation) this Hikeshi serves. A request is admitted only when it
 * names it: its team when a team is expected, its enterprise when an enterprise is expected. In a workspace outside
 * any organisation, the person acting must belong to it too: Slack Connect brings people of other organisations into
 * shared channels, with their own {@code user.team_id}.
 *
 * @param teamId       {@code T…}; null for an organisation-wide install, which answers from every workspace in it
 * @param enterpriseId {@code E…}; null for a workspace outside Enterprise Grid
 */
public record Workspace(String teamId, String enterpriseId) {

    public Workspace {
        if (teamId == null && enterpriseId == null) {
            throw new IllegalArgumentException("a workspace needs a team id, an enterprise id or both");
        }
    }

    /**
     * The workspace the bot token belongs to, as auth.test says (https://docs.slack.dev/reference/methods/auth.test:
     * "when working against a team within an Enterprise organization, you'll also find their enterprise_id here").
     */
    public static Workspace of(AuthTestResponse auth) {
        if (auth == null || !auth.isOk() || (auth.getTeamId() == null && auth.getEnterpriseId() == null)) {
            throw new IllegalStateException("auth.test did not say which workspace the bot token belongs to");
        }
        return new Workspace(auth.isEnterpriseInstall() ? null : auth.getTeamId(), auth.getEnterpriseId());
    }

    /** Whether the request comes from this workspace (and, outside Enterprise Grid, from one of its people). */
    public boolean admits(RequestOrigin origin) {
        if (teamId != null && !teamId.equals(origin.teamId())) {
            return false;
        }
        if (enterpriseId != null) {
            return enterpriseId.equals(origin.enterpriseId());
        }
        return origin.enterpriseId() == null
                && (origin.userTeamId() == null || Objects.equals(teamId, origin.userTeamId()));
    }
}
