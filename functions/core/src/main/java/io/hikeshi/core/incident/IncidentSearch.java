package io.hikeshi.core.incident;

import java.util.List;

/** Incidents as lists: the Slack list, the Home tab, the web page and its figures. */
public interface IncidentSearch {

    /** Incidents, newest detection first. */
    List<Incident> recent(int limit);

    /**
     * Incidents matching the query, newest first, a page at a time: read through the index on
     * detection time, never by scanning the table.
     *
     * @param cursor null for the first page, else a page's {@code nextCursor}
     * @throws IllegalArgumentException when the cursor is not one this search handed out
     */
    IncidentQuery.Page<Incident> find(IncidentQuery query, String cursor, int pageSize);
}
