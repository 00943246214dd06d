package io.hikeshi.handlers.wiring;

import io.hikeshi.handlers.lambda.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Severity;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositionTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void postmortemDueDays_comeFromConfiguration_withDefaultsForTheRest() {
        var policy = Composition.postmortemPolicy(Settings.from(Map.of(Settings.POSTMORTEM_DUE_DAYS, "SEV1=3, sev2=5", Settings.TIME_ZONE, TOKYO.getId())));

        assertEquals(3, policy.businessDays().get(Severity.SEV1));
        assertEquals(5, policy.businessDays().get(Severity.SEV2));
        assertEquals(10, policy.businessDays().get(Severity.SEV3));
    }

    @Test
    void postmortemDueDays_thatDoNotParse_failAtStartWithTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Composition.postmortemPolicy(Settings.from(Map.of(Settings.POSTMORTEM_DUE_DAYS, "SEV1:five"))));
        assertTrue(e.getMessage().contains(Settings.POSTMORTEM_DUE_DAYS));
    }
}
