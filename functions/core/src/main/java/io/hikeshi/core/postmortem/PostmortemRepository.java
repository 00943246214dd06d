package io.hikeshi.core.postmortem;

import io.hikeshi.core.incident.IncidentId;
import java.util.List;
import java.util.Optional;

/** Postmortems, one per incident, saved with an optimistic lock. */
public interface PostmortemRepository {

    Optional<Postmortem> find(IncidentId incident);

    /** Saves the postmortem only if it is still at the version read (0: only if there is none); false otherwise. */
    boolean save(Postmortem postmortem);

    /** Postmortems still to be written (neither complete nor said not to be needed), earliest due first. */
    List<Postmortem> open(int limit);

    /**
     * Postmortems not yet complete that {@code person} owns or holds an action item of that is not done, earliest due
     * first. Read from the open postmortems alone (never the whole store): what a person's App Home lists.
     */
    List<Postmortem> openInvolving(String person);

    /** Completed postmortems, newest due first. */
    List<Postmortem> completed(int limit);
}
