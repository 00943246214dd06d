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

    /** Completed postmortems, newest due first. */
    List<Postmortem> completed(int limit);
}
