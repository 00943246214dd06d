package io.hikeshi.web;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import java.util.List;
import java.util.Map;

/**
 * The list page: its filters as given, one page of incidents, and the query strings of the next
 * page (null on the last) and of this list's export.
 */
public record ListView(Words words, Map<String, String> filters, List<Incident> incidents, String nextPageQuery,
                       String exportQuery) {

    public List<Status> statuses() {
        return List.of(Status.values());
    }

    public List<Severity> severities() {
        return List.of(Severity.values());
    }

    /** The filter's value as given (blank when not given), to show it again in the form. */
    public String filter(String name) {
        return filters.getOrDefault(name, "");
    }
}
