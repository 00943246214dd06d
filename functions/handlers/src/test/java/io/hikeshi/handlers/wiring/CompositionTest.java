package io.hikeshi.handlers.wiring;

import io.hikeshi.handlers.lambda.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Severity;
import java.time.LocalDate;
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

    @Test
    void businessDays_areJapansByDefault_plusTheTeamsOwnDaysOff_orWeekdaysOnly() {
        // GIVEN no holiday settings THEN Japan's public holidays are days off (2026-09-22 is 国民の休日)
        var japan = Composition.postmortemPolicy(Settings.from(Map.of())).calendar();
        assertFalse(japan.isBusinessDay(LocalDate.of(2026, 9, 22)));
        // GIVEN the team's own days off THEN they are days off too
        var team = Composition.postmortemPolicy(Settings.from(Map.of(Settings.EXTRA_DAYS_OFF, "2026-12-29, 2026-12-30")))
                .calendar();
        assertFalse(team.isBusinessDay(LocalDate.of(2026, 12, 30)));
        assertTrue(team.isBusinessDay(LocalDate.of(2026, 12, 28)));
        // GIVEN none THEN Monday to Friday
        var weekdays = Composition.postmortemPolicy(Settings.from(Map.of(Settings.HOLIDAYS, "none"))).calendar();
        assertTrue(weekdays.isBusinessDay(LocalDate.of(2026, 9, 22)));
    }

    @Test
    void holidaySettings_thatDoNotParse_failAtStartNamingTheSetting() {
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> Settings.from(Map.of(Settings.HOLIDAYS, "Atlantis")));
        assertTrue(unknown.getMessage().contains(Settings.HOLIDAYS), unknown.getMessage());
        IllegalStateException badDay = assertThrows(IllegalStateException.class,
                () -> Settings.from(Map.of(Settings.EXTRA_DAYS_OFF, "2026-12-32")));
        assertTrue(badDay.getMessage().contains(Settings.EXTRA_DAYS_OFF + " must list days"), badDay.getMessage());
    }

    @Test
    void updateCadence_comesFromConfiguration_withDefaultsForTheRest() {
        var cadence = Settings.from(Map.of(Settings.UPDATE_CADENCE, "SEV1=10,SEV3=off")).updateCadence();

        assertEquals(java.util.Optional.of(java.time.Duration.ofMinutes(10)), cadence.interval(Severity.SEV1));
        assertEquals(java.util.Optional.of(java.time.Duration.ofMinutes(30)), cadence.interval(Severity.SEV2));
        assertEquals(java.util.Optional.empty(), cadence.interval(Severity.SEV3));
        assertEquals(io.hikeshi.core.cadence.UpdateCadence.defaults(), Settings.from(Map.of()).updateCadence());
    }

    @Test
    void updateCadence_thatDoesNotParse_failsAtStartNamingTheSettingAndThePart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Settings.from(Map.of(Settings.UPDATE_CADENCE, "SEV1=15,SEV2=0")));
        assertTrue(e.getMessage().contains("HIKESHI_UPDATE_CADENCE must look like SEV1=15,SEV2=30,SEV3=60,SEV4=off"
                + " (minutes, or off); 'SEV2=0' does not"), e.getMessage());
    }

    @Test
    void reminders_targetTheSchedulingFunctionItself_whenOnlyTheRoleIsNamed() {
        var own = Settings.from(Map.of(Settings.REMINDER_ROLE_ARN, "arn:aws:iam::123456789012:role/scheduler")).reminders();
        assertEquals(null, own.targetArn(), "the reminder function's own ARN, learnt when it is invoked");
        assertEquals(null, Settings.from(Map.of()).reminders(), "no reminder settings: nothing is scheduled");
    }
}
