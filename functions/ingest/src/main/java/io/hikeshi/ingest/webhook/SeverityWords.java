package io.hikeshi.ingest.webhook;

import io.hikeshi.core.incident.Severity;
import java.util.Locale;

/** Maps the severity words monitors use onto the SEV ladder; an unknown word leaves it to routing. */
final class SeverityWords {

    private SeverityWords() { }

    static Severity parse(String word) {
        if (word == null || word.isBlank()) {
            return null;
        }
        String w = word.trim().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "sev1", "1", "p1", "critical", "crit", "fatal", "emergency", "page" -> Severity.SEV1;
            case "sev2", "2", "p2", "error", "high", "major" -> Severity.SEV2;
            case "sev3", "3", "p3", "warning", "warn", "medium", "minor" -> Severity.SEV3;
            case "sev4", "4", "p4", "p5", "info", "low", "none", "notice" -> Severity.SEV4;
            default -> null;
        };
    }
}
