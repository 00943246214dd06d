package io.hikeshi.ingest;

import io.hikeshi.core.incident.Severity;
import java.util.Locale;

/**
 * Maps the severity words monitors use (Alertmanager's {@code critical}/{@code warning}, Datadog's
 * P1–P5, alarm tags) onto the SEV ladder. An unknown word leaves it to routing; the parsers note it.
 */
public final class SeverityWords {

    private SeverityWords() { }

    public static Severity parse(String word) {
        if (word == null || word.isBlank()) {
            return null;
        }
        String w = word.trim().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "sev1", "sev-1", "1", "p1", "critical", "crit", "fatal", "emergency", "page" -> Severity.SEV1;
            case "sev2", "sev-2", "2", "p2", "error", "high", "major" -> Severity.SEV2;
            case "sev3", "sev-3", "3", "p3", "warning", "warn", "medium", "minor" -> Severity.SEV3;
            case "sev4", "sev-4", "4", "5", "p4", "p5", "info", "low", "none", "notice" -> Severity.SEV4;
            default -> null;
        };
    }
}
