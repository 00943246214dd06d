package io.hikeshi.web;

import io.hikeshi.core.i18n.Text;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * A page's query parameters, read: the list's filters ({@code from}, {@code to} as days in the
 * team's time zone, {@code status}, {@code severity}, {@code service}, {@code q}), its paging
 * ({@code cursor}, {@code limit}). A malformed value is a {@link BadRequest}, never a guess.
 */
final class Parameters {

    /** The export's page size when none is asked for, and the most it gives at once. */
    private static final int EXPORT_PAGE = 500;
    private static final int EXPORT_PAGE_MAX = 1000;

    private final Map<String, String> query;
    private final ZoneId zone;

    Parameters(Map<String, String> query, ZoneId zone) {
        this.query = query;
        this.zone = zone;
    }

    /** The raw value, stripped; null when absent or blank. */
    String get(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The list's filters: the {@code to} day is included whole. */
    IncidentQuery incidentQuery() {
        LocalDate from = day("from");
        LocalDate to = day("to");
        return new IncidentQuery(from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(),
                parsed("status", Status::parse, "web.error.status"),
                parsed("severity", Severity::parse, "web.error.severity"),
                get("service"), get("q"));
    }

    String cursor() {
        return get("cursor");
    }

    /** How many incidents an export page holds: {@code limit}, kept between 1 and 1000. */
    int exportLimit() {
        String limit = query.getOrDefault("limit", Integer.toString(EXPORT_PAGE));
        try {
            return Math.min(EXPORT_PAGE_MAX, Math.max(1, Integer.parseInt(limit)));
        } catch (NumberFormatException e) {
            throw new BadRequest(Text.of("web.error.limit", limit));
        }
    }

    /** A day given as {@code 2026-11-24}; null when not given. */
    LocalDate day(String name) {
        String text = get(name);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest(Text.of("web.error.date", text));
        }
    }

    static IncidentId incidentId(String text) {
        try {
            return IncidentId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(Text.of("web.error.incident", text));
        }
    }

    /** These parameters with {@code name} set to {@code value}. */
    Map<String, String> with(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(query);
        changed.put(name, value);
        return changed;
    }

    /** The parameters as the request gave them. */
    Map<String, String> asGiven() {
        return Map.copyOf(query);
    }

    /** This page's parameters as a query string. */
    String encoded() {
        return encode(query);
    }

    /** A query string of the non-blank parameters, in their order, URL-encoded. */
    static String encode(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }

    private <T> T parsed(String name, Function<String, T> parse, String refusal) {
        String text = get(name);
        try {
            return text == null ? null : parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(Text.of(refusal, text));
        }
    }
}
