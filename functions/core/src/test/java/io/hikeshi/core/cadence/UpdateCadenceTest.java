package io.hikeshi.core.cadence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Severity;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateCadenceTest {

    @Test
    void defaults_areSev1Every15Minutes_sev2Every30_sev3Every60_andSev4Never() {
        UpdateCadence cadence = UpdateCadence.defaults();

        assertEquals(Optional.of(Duration.ofMinutes(15)), cadence.interval(Severity.SEV1));
        assertEquals(Optional.of(Duration.ofMinutes(30)), cadence.interval(Severity.SEV2));
        assertEquals(Optional.of(Duration.ofMinutes(60)), cadence.interval(Severity.SEV3));
        assertEquals(Optional.empty(), cadence.interval(Severity.SEV4));
        assertEquals(cadence, UpdateCadence.parse("  "), "blank is the defaults");
    }

    @Test
    void theSeveritiesNamed_change_andTheOthersKeepTheirDefaults() {
        UpdateCadence cadence = UpdateCadence.parse(" sev1=10 , SEV3=off,SEV4=240");

        assertEquals(Optional.of(Duration.ofMinutes(10)), cadence.interval(Severity.SEV1));
        assertEquals(Optional.of(Duration.ofMinutes(30)), cadence.interval(Severity.SEV2), "not named: the default");
        assertEquals(Optional.empty(), cadence.interval(Severity.SEV3));
        assertEquals(Optional.of(Duration.ofHours(4)), cadence.interval(Severity.SEV4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SEV1=0             | 'SEV1=0' does not: minutes must be 1 to 10080",
        "SEV1=15,SEV1=20    | 'SEV1=20' does not: SEV1 is named twice",
        "SEV5=10            | 'SEV5=10' does not: 'SEV5' is not SEV1, SEV2, SEV3 or SEV4",
        "SEV2:30            | 'SEV2:30' does not: it is not SEVERITY=MINUTES",
        "SEV2=half-hour     | 'SEV2=half-hour' does not: 'half-hour' is neither a number of minutes nor off",
        "SEV1=15,           | '' does not: it is not SEVERITY=MINUTES",
        "SEV3=10081         | minutes must be 1 to 10080 (a week), or off"})
    void whatDoesNotParse_isRefused_namingThePartAndWhy(String text, String why) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> UpdateCadence.parse(text));

        assertTrue(refused.getMessage().startsWith("must look like SEV1=15,SEV2=30,SEV3=60,SEV4=off (minutes, or off)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }
}
