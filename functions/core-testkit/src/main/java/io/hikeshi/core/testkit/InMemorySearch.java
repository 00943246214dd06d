package io.hikeshi.core.testkit;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.incident.IncidentSearch;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@link IncidentSearch} in memory; its cursor is a position, and a cursor it did not hand out is refused. */
final class InMemorySearch implements IncidentSearch {

    private static final Comparator<Incident> NEWEST_FIRST =
            Comparator.comparing(Incident::detectedAt).thenComparing(Incident::id).reversed();

    private final Tables t;

    InMemorySearch(Tables tables) {
        this.t = tables;
    }

    @Override
    public List<Incident> recent(int limit) {
        synchronized (t) {
            return t.incidents.values().stream().sorted(NEWEST_FIRST).limit(limit).toList();
        }
    }

    @Override
    public IncidentQuery.Page<Incident> find(IncidentQuery q, String cursor, int pageSize) {
        List<Incident> all;
        synchronized (t) {
            all = t.incidents.values().stream()
                    .filter(i -> q.from() == null || !i.detectedAt().isBefore(q.from()))
                    .filter(i -> q.to() == null || i.detectedAt().isBefore(q.to()))
                    .filter(i -> q.status() == null || i.status() == q.status())
                    .filter(i -> q.severity() == null || i.severity() == q.severity())
                    .filter(i -> q.service() == null || i.service().equals(q.service()))
                    .filter(i -> q.titleContains() == null
                            || i.title().toLowerCase(Locale.ROOT).contains(q.titleContains().toLowerCase(Locale.ROOT)))
                    .sorted(NEWEST_FIRST)
                    .toList();
        }
        int start = start(cursor);
        int end = Math.min(all.size(), start + pageSize);
        return new IncidentQuery.Page<>(all.subList(Math.min(start, end), end), end < all.size() ? Integer.toString(end) : null);
    }

    private static int start(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(cursor));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a valid page cursor");
        }
    }
}
