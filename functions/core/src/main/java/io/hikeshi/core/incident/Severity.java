package io.hikeshi.core.incident;

import java.util.Locale;

/**
 * The fixed severity ladder. SEV1 is the worst. The meaning is what responders agree on,
 * so it is spelled out here and in docs/architecture.md.
 */
public enum Severity {
    SEV1("Critical: the service is down or data is at risk for many users; all hands, now."),
    SEV2("Major: a core function is badly degraded for many users; respond now."),
    SEV3("Minor: partial or limited impact, a workaround exists; respond within working hours."),
    SEV4("Low: no visible user impact yet (a warning, a single failing check); track it.");

    private final String meaning;

    Severity(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** Parses {@code SEV2}, {@code sev2} or {@code 2}. */
    public static Severity parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (t.matches("[1-4]")) {
            t = "SEV" + t;
        }
        for (Severity s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "' (expected SEV1, SEV2, SEV3 or SEV4)");
    }
}
