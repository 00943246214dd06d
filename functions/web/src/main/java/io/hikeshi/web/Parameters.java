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
import java.util.Set;
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

    /** The languages a page is written in. */
    private static final Set<String> LANGUAGES = Set.of("ja", "en");
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 9999;
    /** The longest search word or service name asked for. */
    private static final int MAX_TEXT = 200;

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

    /**
     * What every page reads the same way, checked before any is answered: the language (absent, {@code ja}
     * or {@code en}; the page is Japanese while it is not known) and the period.
     */
    Parameters checked() {
        String lang = query.get("lang");
        if (lang != null && !lang.isEmpty() && !LANGUAGES.contains(lang)) {
            throw new BadRequest(Text.of("web.error.lang", lang));
        }
        period();
        return this;
    }

    /** The days from {@code from} to {@code to}, either open; refused when {@code to} comes before {@code from}. */
    Period period() {
        Period period = new Period(day("from"), day("to"));
        if (period.from() != null && period.to() != null && period.to().isBefore(period.from())) {
            throw new BadRequest(Text.of("web.error.period", period.from().toString(), period.to().toString()));
        }
        return period;
    }

    /** Days of the list's period, each whole; null: not given. */
    record Period(LocalDate from, LocalDate to) { }

    /** The list's filters: the {@code to} day is included whole. */
    IncidentQuery incidentQuery() {
        Period period = period();
        return new IncidentQuery(period.from() == null ? null : period.from().atStartOfDay(zone).toInstant(),
                period.to() == null ? null : period.to().plusDays(1).atStartOfDay(zone).toInstant(),
                parsed("status", Status::parse, "web.error.status"),
                parsed("severity", Severity::parse, "web.error.severity"),
                text("service"), text("q"));
    }

    /** A filter's text, at most {@link #MAX_TEXT} characters. */
    private String text(String name) {
        String text = get(name);
        if (text != null && text.length() > MAX_TEXT) {
            throw new BadRequest(Text.of("web.error.length", name, MAX_TEXT));
        }
        return text;
    }

    String cursor() {
        return get("cursor");
    }

    /** How many incidents an export page holds: {@code limit}, kept between 1 and 1000. */
    int exportLimit() {
        String limit = get("limit");
        try {
            return limit == null ? EXPORT_PAGE : Math.min(EXPORT_PAGE_MAX, Math.max(1, Integer.parseInt(limit)));
        } catch (NumberFormatException e) {
            throw new BadRequest(Text.of("web.error.limit", limit));
        }
    }

    /**
     * A day given as {@code 2026-11-24}, of a year with four digits (the index's keys are ISO instants,
     * which sort as text only then); null when not given.
     */
    private LocalDate day(String name) {
        String text = get(name);
        try {
            LocalDate day = text == null ? null : LocalDate.parse(text);
            if (day != null && (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR)) {
                throw new BadRequest(Text.of("web.error.date", text));
            }
            return day;
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
