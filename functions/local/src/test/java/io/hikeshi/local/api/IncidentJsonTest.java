package io.hikeshi.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineParams;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:12:45Z");
    private static final IncidentId ID = new IncidentId(42);
    private static final Incident INCIDENT = Incident.open(ID, "Payment API returns 5xx", Severity.SEV3, "payment-api",
            null, null, T0);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyEntry(TimelineEntry entry) {
        return ((List<Map<String, Object>>) IncidentJson.withTimeline(INCIDENT, List.of(entry)).get("timeline")).get(0);
    }

    @Test
    void anEntry_isItsEnglishSentence_besideItsKindAndParameters() {
        // GIVEN a severity change, kept as data
        TimelineEntry entry = new TimelineEntry(ID, "e1", T0, TimelineKind.SEVERITY_CHANGED, "U0ALICE",
                TimelineParams.severityChanged(Severity.SEV3, Severity.SEV1), "", Map.of());

        // WHEN shown by the read API
        Map<String, Object> json = onlyEntry(entry);

        // THEN "text" is the sentence it always was, and the data is there for programs
        assertEquals("Severity SEV3 → SEV1", json.get("text"));
        assertEquals("SEVERITY_CHANGED", json.get("kind"));
        assertEquals(Map.of("from", "SEV3", "to", "SEV1"), json.get("params"));
    }

    @Test
    void anEntryStoredBeforeEntriesHadParameters_isItsStoredSentence() {
        // GIVEN an entry stored as an English sentence
        TimelineEntry old = new TimelineEntry(ID, "e1", T0, TimelineKind.STATUS_CHANGED, "U0ALICE",
                "Status → acknowledged", Map.of());

        // WHEN shown by the read API
        Map<String, Object> json = onlyEntry(old);

        // THEN the same sentence, with no parameters
        assertEquals("Status → acknowledged", json.get("text"));
        assertEquals(Map.of(), json.get("params"));
    }
}
