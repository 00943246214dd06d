package io.hikeshi.core.warroom;

import io.hikeshi.core.incident.Severity;
import java.util.List;

/** The port to what the team configured about its services: owners, links, response guides. */
public interface ServiceDirectory {

    /**
     * The services the team configured, by name, in the order it keeps them: what a person declaring an incident
     * picks from. Empty when none is configured (a service is then typed).
     */
    List<String> services();

    /** Never null: an unknown service gets the default profile. */
    ServiceProfile profile(String service);

    /** The response guide for this service and severity, or the default guide. Never null. */
    ResponseGuide guide(String service, Severity severity);

    /**
     * @param ownerUsers      Slack user ids to invite into the war room
     * @param ownerUserGroups Slack user-group ids whose members are invited
     * @param runbookUrl      may be null
     * @param dashboardUrl    may be null
     */
    record ServiceProfile(String service, List<String> ownerUsers, List<String> ownerUserGroups, String runbookUrl,
                          String dashboardUrl) {
        public ServiceProfile {
            ownerUsers = ownerUsers == null ? List.of() : List.copyOf(ownerUsers);
            ownerUserGroups = ownerUserGroups == null ? List.of() : List.copyOf(ownerUserGroups);
        }
    }

    /**
     * @param title  e.g. "payment-api — SEV1 response"
     * @param steps  the checklist, in order
     * @param source where the guide lives in the repository, e.g. infrastructure/guides/payment-api.md
     */
    record ResponseGuide(String title, List<String> steps, String source) {
        public ResponseGuide {
            steps = List.copyOf(steps);
        }
    }
}
