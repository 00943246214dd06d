package io.hikeshi.core.postmortem;

import io.hikeshi.core.incident.IncidentId;
import java.time.LocalDate;
import java.util.List;

/**
 * What one person has to finish: the open postmortems they own and the action items they hold that are not done (in
 * postmortems not yet complete), each marked overdue when its due date is before today in the team's zone.
 *
 * @param postmortems earliest due first
 * @param actionItems earliest due first; items without a due date last
 */
public record Assignments(List<Owned> postmortems, List<Assigned> actionItems) {

    public Assignments {
        postmortems = List.copyOf(postmortems);
        actionItems = List.copyOf(actionItems);
    }

    /** A postmortem the person owns. */
    public record Owned(Postmortem postmortem, boolean overdue) { }

    /** An action item the person holds, in the postmortem of {@code incident}. */
    public record Assigned(IncidentId incident, ActionItem item, boolean overdue) { }

    static boolean late(LocalDate due, LocalDate today) {
        return due != null && due.isBefore(today);
    }
}
