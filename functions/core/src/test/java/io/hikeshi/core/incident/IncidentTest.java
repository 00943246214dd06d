package io.hikeshi.core.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentTest {

    private static final Instant DETECTED = Instant.parse("2026-11-24T03:12:45.123Z");
    private static final Instant T1 = DETECTED.plusSeconds(60);
    private static final Instant T2 = DETECTED.plusSeconds(600);
    private static final Instant T3 = DETECTED.plusSeconds(3600);
    private static final IncidentId ID = new IncidentId(42);

    private static Incident triggered() {
        return Incident.open(ID, "payment-api-5xx-rate", Severity.SEV2, "payment-api", "arn:alarm:1",
                "5xx above 5%", DETECTED);
    }

    // ---- opening ----

    @Test
    void open_isTriggeredWithNoMilestones() {
        Incident i = triggered();
        assertEquals(Status.TRIGGERED, i.status());
        assertEquals(1, i.occurrences(), "an alert-opened incident counts its first delivery");
        assertEquals(0, i.version());
        assertNull(i.acknowledgedAt());
        assertNull(i.mitigatedAt());
        assertNull(i.resolvedAt());
        assertEquals(Optional.empty(), i.timeToAcknowledge());
    }

    @Test
    void open_declaredByAPerson_hasNoOccurrences() {
        Incident i = Incident.open(ID, "checkout slow", Severity.SEV3, "checkout", null, "", DETECTED);
        assertEquals(0, i.occurrences());
    }

    @Test
    void open_stripsAndClipsTheTitle() {
        Incident i = Incident.open(ID, "  " + "x".repeat(500) + "  ", Severity.SEV3, " svc ", null, "", DETECTED);
        assertEquals(Incident.MAX_TITLE, i.title().length());
        assertTrue(i.title().endsWith("…"));
        assertEquals("svc", i.service());
    }

    @Test
    void open_refusesBlankTitleOrService() {
        assertThrows(IllegalArgumentException.class,
                () -> Incident.open(ID, " ", Severity.SEV3, "svc", null, "", DETECTED));
        assertThrows(IllegalArgumentException.class,
                () -> Incident.open(ID, "title", Severity.SEV3, null, null, "", DETECTED));
    }

    // ---- milestones ----

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"ACKNOWLEDGED", "INVESTIGATING"})
    void moveTo_acknowledgedOrInvestigating_stampsAcknowledgedOnly(Status target) {
        // GIVEN a triggered incident WHEN someone engages THEN time-to-acknowledge starts counting
        Incident i = triggered().moveTo(target, T1);

        assertEquals(target, i.status());
        assertEquals(T1, i.acknowledgedAt());
        assertNull(i.mitigatedAt());
        assertNull(i.resolvedAt());
        assertEquals(Optional.of(Duration.ofSeconds(60)), i.timeToAcknowledge());
    }

    @Test
    void moveTo_investigatingAfterAcknowledged_keepsFirstAcknowledgement() {
        Incident i = triggered().moveTo(Status.ACKNOWLEDGED, T1).moveTo(Status.INVESTIGATING, T2);

        assertEquals(Status.INVESTIGATING, i.status());
        assertEquals(T1, i.acknowledgedAt());
    }

    @Test
    void moveTo_mitigated_stampsMitigatedOnly() {
        Incident i = triggered().moveTo(Status.ACKNOWLEDGED, T1).moveTo(Status.MITIGATED, T2);

        assertEquals(Status.MITIGATED, i.status());
        assertEquals(T1, i.acknowledgedAt());
        assertEquals(T2, i.mitigatedAt());
        assertNull(i.resolvedAt());
        assertEquals(Optional.of(Duration.ofSeconds(600)), i.timeToMitigate());
    }

    @Test
    void moveTo_resolvedStraightFromTriggered_stampsMitigatedAndResolved() {
        // GIVEN nobody acknowledged WHEN resolved THEN mitigated and resolved are stamped, acknowledged stays empty
        Incident i = triggered().moveTo(Status.RESOLVED, T3);

        assertEquals(Status.RESOLVED, i.status());
        assertNull(i.acknowledgedAt());
        assertEquals(T3, i.mitigatedAt());
        assertEquals(T3, i.resolvedAt());
        assertEquals(Optional.of(Duration.ofHours(1)), i.timeToResolve());
        assertEquals(Optional.of(Duration.ofHours(1)), i.timeToMitigate());
    }

    @Test
    void moveTo_resolvedAfterMitigated_keepsMitigatedTime() {
        Incident i = triggered().moveTo(Status.MITIGATED, T2).moveTo(Status.RESOLVED, T3);

        assertEquals(T2, i.mitigatedAt());
        assertEquals(T3, i.resolvedAt());
        assertFalse(i.isOpen());
    }

    @Test
    void moveTo_mitigatedBackToInvestigating_isAllowed() {
        // GIVEN the fix did not hold WHEN moved back to investigating THEN allowed, acknowledgement stamped once
        Incident i = triggered().moveTo(Status.MITIGATED, T1).moveTo(Status.INVESTIGATING, T2);

        assertEquals(Status.INVESTIGATING, i.status());
        assertEquals(T2, i.acknowledgedAt(), "nobody had acknowledged it before");
        assertTrue(i.isOpen());
    }

    @Test
    void firedAgain_afterRecovery_investigatesAgain_withoutAcknowledging() {
        // GIVEN an alarm's incident mitigated by its recovery, never acknowledged
        Incident mitigated = triggered().moveTo(Status.MITIGATED, T1);

        // WHEN the alarm fires again
        Incident again = mitigated.firedAgain(T2);

        // THEN it is investigated again, and nobody is said to have acknowledged it
        assertEquals(Status.INVESTIGATING, again.status());
        assertNull(again.acknowledgedAt());
        assertEquals(T1, again.mitigatedAt());
        assertThrows(IllegalTransitionException.class, () -> triggered().moveTo(Status.RESOLVED, T1).firedAgain(T2));
    }

    @Test
    void moveTo_keepsEverythingElse() {
        Incident before = triggered().withCommander("U123");
        Incident after = before.moveTo(Status.ACKNOWLEDGED, T1);

        assertEquals(before.id(), after.id());
        assertEquals(before.title(), after.title());
        assertEquals(before.severity(), after.severity());
        assertEquals(before.service(), after.service());
        assertEquals("U123", after.commander());
        assertEquals(before.alertKey(), after.alertKey());
        assertEquals(before.detectedAt(), after.detectedAt());
        assertEquals(before.occurrences(), after.occurrences());
        assertEquals(before.version(), after.version());
        assertEquals(Status.TRIGGERED, before.status(), "immutable: the original is unchanged");
    }

    // ---- illegal moves ----

    @ParameterizedTest
    @EnumSource(Status.class)
    void moveTo_refusesLeavingResolved(Status target) {
        Incident resolved = triggered().moveTo(Status.RESOLVED, T1);

        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> resolved.moveTo(target, T2));

        String message = e.getMessage();
        if (target == Status.RESOLVED) { // resolving again: said plainly
            assertEquals("INC-0042 is already resolved", message);
            return;
        }
        assertTrue(message.contains("INC-0042"), message);
        assertTrue(message.contains("from resolved to " + target.name().toLowerCase(java.util.Locale.ROOT)), message);
        assertTrue(message.contains("resolved is final"), message);
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"TRIGGERED", "ACKNOWLEDGED", "INVESTIGATING", "MITIGATED"})
    void moveTo_refusesGoingBackToTriggered(Status from) {
        Incident i = from == Status.TRIGGERED ? triggered() : triggered().moveTo(from, T1);

        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> i.moveTo(Status.TRIGGERED, T2));

        String message = e.getMessage();
        if (from == Status.TRIGGERED) {
            assertEquals("INC-0042 is already triggered", message);
            return;
        }
        assertTrue(message.contains("from " + from.name().toLowerCase(java.util.Locale.ROOT) + " to triggered"),
                message);
        assertTrue(message.contains("allowed:"), message);
    }

    @Test
    void moveTo_refusesAcknowledgedToAcknowledged_sayingItIsAlreadySo() {
        Incident acked = triggered().moveTo(Status.ACKNOWLEDGED, T1);

        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> acked.moveTo(Status.ACKNOWLEDGED, T2));

        assertEquals("INC-0042 is already acknowledged", e.getMessage());
        assertEquals("INC-0042 はすでに確認済みです",
                e.reason(io.hikeshi.core.i18n.Messages.of(java.util.Locale.JAPANESE)));
    }

    @Test
    void moveTo_refusesInvestigatingToAcknowledged() {
        Incident investigating = triggered().moveTo(Status.INVESTIGATING, T1);

        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> investigating.moveTo(Status.ACKNOWLEDGED, T2));
        assertTrue(e.getMessage().contains("from investigating to acknowledged"), e.getMessage());
    }

    // ---- severity and commander ----

    @Test
    void withSeverity_changesOnlyTheSeverity() {
        Incident before = triggered().moveTo(Status.INVESTIGATING, T1);
        Incident after = before.withSeverity(Severity.SEV1);

        assertEquals(Severity.SEV1, after.severity());
        assertEquals(Status.INVESTIGATING, after.status());
        assertEquals(T1, after.acknowledgedAt());
        assertEquals(Severity.SEV2, before.severity());
    }

    @Test
    void withCommander_stripsAndRefusesBlank() {
        assertEquals("U123", triggered().withCommander("  U123 ").commander());
        assertThrows(IllegalArgumentException.class, () -> triggered().withCommander(" "));
        assertThrows(IllegalArgumentException.class, () -> triggered().withCommander(null));
    }

    @Test
    void withSeverity_onResolved_isRefused() {
        Incident resolved = triggered().moveTo(Status.RESOLVED, T1);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> resolved.withSeverity(Severity.SEV1));
        assertTrue(e.getMessage().contains("INC-0042") && e.getMessage().contains("resolved"), e.getMessage());
    }

    @Test
    void withCommander_onResolved_isRefused() {
        Incident resolved = triggered().moveTo(Status.RESOLVED, T1);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> resolved.withCommander("U123"));
        assertTrue(e.getMessage().contains("INC-0042") && e.getMessage().contains("resolved"), e.getMessage());
    }

    @Test
    void withSeverityAndCommander_onMitigated_areAllowed() {
        Incident mitigated = triggered().moveTo(Status.MITIGATED, T1);

        assertEquals(Severity.SEV4, mitigated.withSeverity(Severity.SEV4).severity());
        assertEquals("U9", mitigated.withCommander("U9").commander());
    }

    // ---- IncidentId ----

    @Test
    void incidentId_formatsWithFourDigitsAtLeast() {
        assertEquals("INC-0042", new IncidentId(42).toString());
        assertEquals("INC-0001", new IncidentId(1).toString());
        assertEquals("INC-12345", new IncidentId(12345).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"INC-0042", "inc-42", "Inc-042", "  INC-42  "})
    void incidentId_parsesPaddedOrNotAnyCase(String text) {
        assertEquals(new IncidentId(42), IncidentId.parse(text));
    }

    @Test
    void incidentId_roundTrips() {
        IncidentId id = new IncidentId(7);
        assertEquals(id, IncidentId.parse(id.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "INC-", "INC42", "INC-4x", "INC-0", "INC--1", "XINC-42", "INC-1234567890123"})
    void incidentId_parse_refusesBadInput(String text) {
        assertThrows(IllegalArgumentException.class, () -> IncidentId.parse(text));
    }

    @Test
    void incidentId_parse_refusesNullWithMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IncidentId.parse(null));
        assertTrue(e.getMessage().contains("INC-0042"), e.getMessage());
    }

    @Test
    void incidentId_refusesNonPositive() {
        assertThrows(IllegalArgumentException.class, () -> new IncidentId(0));
        assertThrows(IllegalArgumentException.class, () -> new IncidentId(-3));
    }

    @Test
    void incidentId_ordersByNumber() {
        assertTrue(new IncidentId(9).compareTo(new IncidentId(10)) < 0);
    }

    // ---- Severity ----

    @ParameterizedTest
    @ValueSource(strings = {"sev2", "SEV2", "Sev2", "2", " 2 ", " sev2 "})
    void severity_parse_acceptsNameOrDigit(String text) {
        assertEquals(Severity.SEV2, Severity.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "5", "sev5", "sev", "critical", "SEV 2", "22"})
    void severity_parse_refusesBadInput(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Severity.parse(text));
        assertTrue(e.getMessage().contains("SEV1, SEV2, SEV3 or SEV4"), e.getMessage());
    }

    @Test
    void severity_parse_refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> Severity.parse(null));
    }

    @Test
    void severity_everyLevelHasAMeaning() {
        for (Severity s : Severity.values()) {
            assertFalse(s.meaning().isBlank(), s.name());
        }
    }
}
