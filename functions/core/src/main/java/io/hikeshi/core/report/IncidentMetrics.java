package io.hikeshi.core.report;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figures of a period: how many incidents were detected in it, how long they took to be
 * acknowledged and resolved (overall, by severity, by service), how many per week, how far the
 * postmortems are, and which action items are overdue.
 *
 * <p>Means are in minutes over the incidents that reached the milestone; an incident that never did
 * adds nothing (rather than a zero). A milestone stamped before detection (the monitor's clock ran
 * ahead of ours) counts as zero minutes.
 *
 * @param from                   the period's start (inclusive)
 * @param to                     the period's end (exclusive)
 * @param incidents              detected in the period
 * @param meanMinutesToAcknowledge MTTA; empty when none was acknowledged
 * @param meanMinutesToResolve   MTTR; empty when none was resolved
 * @param minutesToAcknowledgeBySeverity MTTA by severity (most severe first), only severities with an acknowledged incident
 * @param minutesToResolveBySeverity     MTTR by severity (most severe first), only severities with a resolved incident
 * @param minutesToResolveByService      MTTR by service (sorted by name), only services with a resolved incident
 * @param incidentsPerWeek       by ISO week of detection in the team's time zone ({@code 2026-W48}), in order
 * @param postmortems            completion of every postmortem the store holds, not only the period's
 * @param overdueActionItems     open action items past their due date, from every postmortem
 */
public record IncidentMetrics(Instant from, Instant to, int incidents,
                              OptionalDouble meanMinutesToAcknowledge, OptionalDouble meanMinutesToResolve,
                              SortedMap<Severity, Double> minutesToAcknowledgeBySeverity,
                              SortedMap<Severity, Double> minutesToResolveBySeverity,
                              SortedMap<String, Double> minutesToResolveByService,
                              SortedMap<String, Integer> incidentsPerWeek,
                              Completion postmortems, List<ActionItem> overdueActionItems) {

    /** How many postmortems are complete, of how many. */
    public record Completion(int complete, int total) {

        /** Rounded to a whole percent; empty when there are no postmortems (no division by zero). */
        public Optional<Long> percent() {
            return total == 0 ? Optional.empty() : Optional.of(Math.round(100.0 * complete / total));
        }
    }

    /**
     * Computes the figures.
     *
     * @param incidents   the incidents detected in {@code from} … {@code to}
     * @param postmortems the postmortems to count and to look for overdue action items in, in the order
     *                    their overdue items should be listed
     * @param today       the team's date: an action item due before it is overdue
     * @param zone        the team's time zone, which decides the week an incident falls in
     */
    public static IncidentMetrics of(Instant from, Instant to, List<Incident> incidents, List<Postmortem> postmortems,
                                     LocalDate today, ZoneId zone) {
        return new IncidentMetrics(from, to, incidents.size(),
                meanMinutes(incidents, Incident::timeToAcknowledge),
                meanMinutes(incidents, Incident::timeToResolve),
                meanMinutesBy(incidents, Incident::severity, Incident::timeToAcknowledge),
                meanMinutesBy(incidents, Incident::severity, Incident::timeToResolve),
                meanMinutesBy(incidents, Incident::service, Incident::timeToResolve),
                perWeek(incidents, zone),
                completion(postmortems),
                overdue(postmortems, today));
    }

    public IncidentMetrics {
        minutesToAcknowledgeBySeverity = frozen(minutesToAcknowledgeBySeverity);
        minutesToResolveBySeverity = frozen(minutesToResolveBySeverity);
        minutesToResolveByService = frozen(minutesToResolveByService);
        incidentsPerWeek = frozen(incidentsPerWeek);
        overdueActionItems = List.copyOf(overdueActionItems);
    }

    private static <K, V> SortedMap<K, V> frozen(SortedMap<K, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    private static OptionalDouble meanMinutes(List<Incident> incidents, Function<Incident, Optional<Duration>> milestone) {
        return incidents.stream().map(milestone).flatMap(Optional::stream)
                .mapToDouble(d -> Math.max(0, d.toSeconds()) / 60.0).average();
    }

    /** The mean of each group that reached the milestone at least once, in the key's order. */
    private static <K extends Comparable<K>> SortedMap<K, Double> meanMinutesBy(
            List<Incident> incidents, Function<Incident, K> key, Function<Incident, Optional<Duration>> milestone) {
        SortedMap<K, List<Incident>> groups = new TreeMap<>();
        incidents.forEach(i -> groups.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i));
        SortedMap<K, Double> means = new TreeMap<>();
        groups.forEach((k, group) -> meanMinutes(group, milestone).ifPresent(mean -> means.put(k, mean)));
        return means;
    }

    private static SortedMap<String, Integer> perWeek(List<Incident> incidents, ZoneId zone) {
        SortedMap<String, Integer> weeks = new TreeMap<>();
        for (Incident i : incidents) {
            LocalDate day = LocalDate.ofInstant(i.detectedAt(), zone);
            String week = "%d-W%02d".formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            weeks.merge(week, 1, Integer::sum);
        }
        return weeks;
    }

    private static Completion completion(List<Postmortem> postmortems) {
        return new Completion((int) postmortems.stream().filter(Postmortem::isComplete).count(), postmortems.size());
    }

    private static List<ActionItem> overdue(List<Postmortem> postmortems, LocalDate today) {
        return postmortems.stream().flatMap(p -> p.actionItems().stream())
                .filter(a -> !a.done() && a.due() != null && a.due().isBefore(today))
                .toList();
    }
}
