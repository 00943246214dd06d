package io.hikeshi.web;

import io.hikeshi.core.people.Names;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.report.IncidentMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/** The metrics page: the figures of a period, its four charts, and the names of the overdue items' owners. */
public record MetricsView(Words words, IncidentMetrics metrics, Names names) {

    public String period() {
        return words.get("web.metrics.period", words.when(metrics.from()), words.when(metrics.to()));
    }

    /** {@code 50% (1/2)}, or a dash when there is no postmortem at all. */
    public String postmortemCompletion() {
        IncidentMetrics.Completion c = metrics.postmortems();
        return c.percent().map(pct -> words.get("web.metrics.completion.value", pct, c.complete(), c.total()))
                .orElse(Words.NONE);
    }

    public List<BarChart> charts() {
        DoubleFunction<String> minutes = v -> words.get("web.minutes", Words.oneDecimal(v));
        return List.of(
                BarChart.of(words.get("web.chart.mttaBySeverity"), named(metrics.minutesToAcknowledgeBySeverity()), minutes),
                BarChart.of(words.get("web.chart.mttrBySeverity"), named(metrics.minutesToResolveBySeverity()), minutes),
                BarChart.of(words.get("web.chart.mttrByService"), metrics.minutesToResolveByService(), minutes),
                BarChart.of(words.get("web.chart.perWeek"), counts(metrics.incidentsPerWeek()), Words::oneDecimal));
    }

    public String owner(ActionItem item) {
        return item.owner() == null ? Words.NONE : "@" + names.of(item.owner());
    }

    private static Map<String, Double> named(Map<? extends Enum<?>, Double> values) {
        Map<String, Double> byName = new LinkedHashMap<>();
        values.forEach((key, value) -> byName.put(key.name(), value));
        return byName;
    }

    private static Map<String, Double> counts(Map<String, Integer> values) {
        Map<String, Double> asDoubles = new LinkedHashMap<>();
        values.forEach((key, value) -> asDoubles.put(key, value.doubleValue()));
        return asDoubles;
    }
}
