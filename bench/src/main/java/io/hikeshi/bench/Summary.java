package io.hikeshi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The headline figures of each benchmark, gathered into one table by {@code bin/bench} (all): each
 * program, in its own JVM, appends its rows to the file the system property {@value #FILE_PROPERTY}
 * names; run alone, a program only prints its own table.
 */
public final class Summary {

    public static final String FILE_PROPERTY = "hikeshi.bench.summary";

    public record Row(String measure, String value, String command) { }

    private Summary() { }

    public static void add(String measure, String value, String command) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), String.join("\t", measure, value, command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the benchmark summary to " + file, e);
        }
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] cells = line.split("\t", 3);
            rows.add(new Row(cells[0], cells[1], cells[2]));
        }
        return rows;
    }

    /** A Markdown table, so the same text reads in a terminal and pastes into docs/performance.md. */
    static String markdown(List<Row> rows) {
        int m = "measure".length();
        int v = "figure".length();
        for (Row r : rows) {
            m = Math.max(m, r.measure().length());
            v = Math.max(v, r.value().length());
        }
        String format = "| %-" + m + "s | %-" + v + "s | %s |%n";
        StringBuilder out = new StringBuilder(format.formatted("measure", "figure", "command"));
        out.append("|").append("-".repeat(m + 2)).append("|").append("-".repeat(v + 2)).append("|---|\n");
        rows.forEach(r -> out.append(format.formatted(r.measure(), r.value(), "`" + r.command() + "`")));
        return out.toString();
    }
}
