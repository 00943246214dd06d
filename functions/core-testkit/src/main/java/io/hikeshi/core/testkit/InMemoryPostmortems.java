package io.hikeshi.core.testkit;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link PostmortemRepository} in memory, with its optimistic lock; one said not to be needed is in neither list. */
final class InMemoryPostmortems implements PostmortemRepository {

    private final Tables t;

    InMemoryPostmortems(Tables tables) {
        this.t = tables;
    }

    @Override
    public Optional<Postmortem> find(IncidentId incident) {
        synchronized (t) {
            return Optional.ofNullable(t.postmortems.get(incident));
        }
    }

    @Override
    public boolean save(Postmortem pm) {
        synchronized (t) {
            return Tables.putIfAtVersion(t.postmortems, pm.incident(), pm.version(), Postmortem::version,
                    () -> pm.stored(pm.version() + 1));
        }
    }

    @Override
    public List<Postmortem> open(int limit) {
        synchronized (t) {
            return t.postmortems.values().stream().filter(Postmortem::isOpen)
                    .sorted(Comparator.comparing(Postmortem::due)).limit(limit).toList();
        }
    }

    @Override
    public List<Postmortem> openInvolving(String person) {
        synchronized (t) {
            return t.postmortems.values().stream().filter(p -> !p.isComplete() && p.involves(person))
                    .sorted(Comparator.comparing(Postmortem::due)).toList();
        }
    }

    @Override
    public List<Postmortem> completed(int limit) {
        synchronized (t) {
            return t.postmortems.values().stream().filter(Postmortem::isComplete)
                    .sorted(Comparator.comparing(Postmortem::due).reversed()).limit(limit).toList();
        }
    }
}
