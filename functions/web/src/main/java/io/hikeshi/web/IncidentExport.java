package io.hikeshi.web;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.people.Names;
import io.hikeshi.web.WebApp.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The list as data, a page at a time: JSON ({@code {"incidents": […], "nextCursor": …}}) or CSV
 * (RFC 4180). The next page's cursor is in {@code X-Next-Cursor} (and in the JSON), absent on the last. The
 * commander is given by id (what identifies them) and by name ({@code commanderName} / {@code commander_name}:
 * the name Hikeshi learned from Slack, the id where none is known).
 */
final class IncidentExport {

    private static final String CSV_HEADER =
            "id,title,severity,status,service,commander,commander_name,detected_at,acknowledged_at,mitigated_at,resolved_at,occurrences\r\n";

    /** What a spreadsheet may read as the start of a formula: see {@link #cell}. */
    private static final Pattern FORMULA = Pattern.compile("[\\t\\r\\n\\u0000]|[\\s\\p{Z}\\u0000]*[=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20]");

    private IncidentExport() { }

    static Response json(IncidentQuery.Page<Incident> page, Names names) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidents", page.items().stream().map(i -> IncidentFields.summary(i, names)).toList());
        body.put("nextCursor", page.nextCursor());
        return new Response(200, "application/json", Json.write(body), nextCursor(page));
    }

    static Response csv(IncidentQuery.Page<Incident> page, Names names) {
        StringBuilder out = new StringBuilder(CSV_HEADER);
        for (Incident i : page.items()) {
            out.append(String.join(",", i.id().toString(), cell(i.title()), i.severity().name(),
                    i.status().name().toLowerCase(Locale.ROOT), cell(i.service()), cell(i.commander()),
                    cell(names.of(i.commander())), time(i.detectedAt()),
                    time(i.acknowledgedAt()), time(i.mitigatedAt()), time(i.resolvedAt()), Long.toString(i.occurrences())))
                    .append("\r\n");
        }
        Map<String, String> headers = new LinkedHashMap<>(nextCursor(page));
        headers.put("Content-Disposition", "attachment; filename=\"incidents.csv\"");
        return new Response(200, "text/csv; charset=utf-8", out.toString(), headers);
    }

    /**
     * RFC 4180 quoting, and no formula injection when opened in a spreadsheet. OWASP's CSV Injection
     * guidance (https://owasp.org/www-community/attacks/CSV_Injection; ASVS 5.0 requirement 1.2.10):
     * a cell must not begin with = + - @ TAB or CR (nor NUL); such a cell gets a leading {@code '}, inside
     * the double quotes. Spreadsheets also skip leading blanks and line breaks, and Japanese Excel takes
     * the full-width signs (＝ ＋ － ＠) for formulas, so those count as beginnings too. The text is
     * otherwise kept whole: a line break inside the quotes stays inside the one cell.
     */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String v = FORMULA.matcher(s).lookingAt() ? "'" + s : s;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }

    private static Map<String, String> nextCursor(IncidentQuery.Page<Incident> page) {
        return page.nextCursor() == null ? Map.of() : Map.of("X-Next-Cursor", page.nextCursor());
    }
}
