package io.hikeshi.ingest.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.incident.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A CloudWatch alarm's severity tag, in the words teams write, onto the SEV ladder. */
class AlarmEventParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AlarmEventParser parser = new AlarmEventParser();

    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource({
            "severity, critical, SEV1",
            "severity, high, SEV2",
            "severity, warning, SEV3",
            "severity, info, SEV4",
            "severity, P1, SEV1",
            "severity, P2, SEV2",
            "severity, P3, SEV3",
            "severity, P4, SEV4",
            "severity, P5, SEV4",
            "severity, SEV2, SEV2",
            "Severity, Critical, SEV1",
            "SEVERITY, p1, SEV1",
            "hikeshi:severity, warning, SEV3",
            "Hikeshi:Severity, High, SEV2"})
    void severityTag_inCommonWords_setsTheSeverity(String key, String word, Severity expected) throws IOException {
        // GIVEN an alarm tagged with a severity word, the key in any case
        // WHEN its state-change event is parsed
        Alert alert = parse(tags -> tags.put(key, word));

        // THEN the word is on the ladder, and nothing is noted as not understood
        assertEquals(expected, alert.severity());
        assertEquals(List.of(), alert.missing());
    }

    @Test
    void hikeshisOwnTag_winsOverAPlainOne() throws IOException {
        // GIVEN an alarm tagged by its team (severity=info) and for Hikeshi (hikeshi:severity=P1)
        // WHEN it is parsed
        Alert alert = parse(tags -> tags.put("severity", "info").put("hikeshi:severity", "P1"));

        // THEN Hikeshi's own tag decides
        assertEquals(Severity.SEV1, alert.severity());
    }

    @Test
    void unknownSeverityWord_leavesTheSeverityToRouting_andIsNoted() throws IOException {
        // GIVEN an alarm tagged with a word no mapping knows
        // WHEN it is parsed
        Alert alert = parse(tags -> tags.put("severity", "apocalyptic"));

        // THEN routing decides the severity, and the word is noted for the timeline and the log
        assertNull(alert.severity());
        assertEquals(List.of("alarmTags.severity (apocalyptic)"), alert.missing());
    }

    @Test
    void serviceTag_isReadWhateverTheCaseOfItsKey() throws IOException {
        // GIVEN an alarm whose service tag is written Service
        // WHEN it is parsed
        Alert alert = parse(tags -> tags.put("Service", "payment-api"));

        // THEN the alert names the service
        assertEquals("payment-api", alert.service());
    }

    private interface Tags {
        void fill(ObjectNode tags);
    }

    /** The repository's sample alarm event, with these tags propagated. */
    private Alert parse(Tags tags) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("events", "alarm-metric-alarm.json")));
        tags.fill(((ObjectNode) event.path("detail")).putObject("alarmTags"));
        return parser.parse(event).alert();
    }
}
