package io.hikeshi.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The figures of a period, worked out by hand from the incidents' times. */
class IncidentMetricsTest {

    /** Noon in Tokyo on Tuesday 2026-11-24 (ISO week 48): every time here is minutes after it. */
    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Instant FROM = T0.minus(Duration.ofDays(30));
    private static final Instant TO = T0.plus(Duration.ofDays(30));
    private static final LocalDate DECEMBER_2 = LocalDate.of(2026, 12, 2);

    // A: SEV1 payment-api, detected at +0,  acknowledged +4,  resolved +52
    // B: SEV2 unlock,      detected at +10, acknowledged +22, resolved +100
    // C: SEV2 payment-api, detected at +30, never acknowledged, resolved +70
    // D: SEV3 checkout,    detected at +120, still open
    private static final Incident A = incident(1, Severity.SEV1, "payment-api", 0, 4, 52);
    private static final Incident B = incident(2, Severity.SEV2, "unlock", 10, 22, 100);
    private static final Incident C = incident(3, Severity.SEV2, "payment-api", 30, null, 70);
    private static final Incident D = incident(4, Severity.SEV3, "checkout", 120, null, null);

    @Test
    void meanTimes_countOnlyTheIncidentsThatReachedTheMilestone() {
        // GIVEN A, B, C and D
        // WHEN their figures are computed
        IncidentMetrics m = IncidentMetrics.of(FROM, TO, List.of(A, B, C, D), List.of(), DECEMBER_2, TOKYO);

        // THEN 4 incidents; MTTA over A (4 min) and B (12 min): 8.0 min;
        // MTTR over A (52), B (90) and C (40): 182 / 3 = 60.67 min
        assertEquals(4, m.incidents());
        assertEquals(8.0, m.meanMinutesToAcknowledge().getAsDouble(), 1e-9);
        assertEquals(182.0 / 3, m.meanMinutesToResolve().getAsDouble(), 1e-9);
    }

    @Test
    void meanTimes_bySeverityAndService_leaveOutGroupsThatNeverReachedTheMilestone() {
        // GIVEN A, B, C and D
        // WHEN their figures are computed
        IncidentMetrics m = IncidentMetrics.of(FROM, TO, List.of(A, B, C, D), List.of(), DECEMBER_2, TOKYO);

        // THEN MTTA by severity: SEV1 = A's 4, SEV2 = B's 12 (C never acknowledged), SEV3 (D) absent;
        // MTTR by severity: SEV1 52, SEV2 (90 + 40) / 2 = 65; by service: payment-api (52 + 40) / 2 = 46, unlock 90
        assertEquals(Map.of(Severity.SEV1, 4.0, Severity.SEV2, 12.0), m.minutesToAcknowledgeBySeverity());
        assertEquals(List.of(Severity.SEV1, Severity.SEV2), List.copyOf(m.minutesToResolveBySeverity().keySet()), "most severe first");
        assertEquals(Map.of(Severity.SEV1, 52.0, Severity.SEV2, 65.0), m.minutesToResolveBySeverity());
        assertEquals(List.of("payment-api", "unlock"), List.copyOf(m.minutesToResolveByService().keySet()), "by name");
        assertEquals(Map.of("payment-api", 46.0, "unlock", 90.0), m.minutesToResolveByService());
    }

    @Test
    void noIncidentAcknowledged_hasNoMtta_ratherThanZero() {
        // GIVEN only C and D, neither acknowledged
        // WHEN their figures are computed
        IncidentMetrics m = IncidentMetrics.of(FROM, TO, List.of(C, D), List.of(), DECEMBER_2, TOKYO);

        // THEN no MTTA at all (a zero would claim instant acknowledgement), and MTTR is C's 40 min
        assertEquals(OptionalDouble.empty(), m.meanMinutesToAcknowledge());
        assertEquals(40.0, m.meanMinutesToResolve().getAsDouble(), 1e-9);
        assertTrue(m.minutesToAcknowledgeBySeverity().isEmpty());
    }

    @Test
    void milestoneBeforeDetection_countsAsZeroMinutes() {
        // GIVEN an incident acknowledged 3 minutes "before" it was detected (the monitor's clock ran ahead)
        Incident early = incident(5, Severity.SEV2, "unlock", 10, 7, null);

        // WHEN its figures are computed alongside B (12 min)
        IncidentMetrics m = IncidentMetrics.of(FROM, TO, List.of(early, B), List.of(), DECEMBER_2, TOKYO);

        // THEN it counts as 0, not −3: (0 + 12) / 2 = 6.0
        assertEquals(6.0, m.meanMinutesToAcknowledge().getAsDouble(), 1e-9);
    }

    @Test
    void incidentsPerWeek_fallInTheTeamsIsoWeek() {
        // GIVEN A–D detected on Tuesday 2026-11-24 (ISO week 48), one on Sunday 2026-11-29 at 23:30 in Tokyo
        // (14:30 UTC: still week 48), and one on Monday 2026-11-30 at 00:30 in Tokyo (15:30 UTC on the Sunday:
        // week 49 in Tokyo, though still week 48 in UTC)
        Incident sundayNight = Incident.open(new IncidentId(6), "late", Severity.SEV4, "unlock", null, null,
                Instant.parse("2026-11-29T14:30:00Z"));
        Incident mondayMorning = Incident.open(new IncidentId(7), "early", Severity.SEV4, "unlock", null, null,
                Instant.parse("2026-11-29T15:30:00Z"));

        // WHEN counted per week
        IncidentMetrics m = IncidentMetrics.of(FROM, TO, List.of(A, B, C, D, sundayNight, mondayMorning), List.of(),
                DECEMBER_2, TOKYO);

        // THEN weeks are Tokyo's: 5 in 2026-W48, 1 in 2026-W49, in order
        assertEquals(Map.of("2026-W48", 5, "2026-W49", 1), m.incidentsPerWeek());
        assertEquals(List.of("2026-W48", "2026-W49"), List.copyOf(m.incidentsPerWeek().keySet()));
    }

    @Test
    void postmortems_completionAndOverdueActionItems_asOfTheTeamsDate() {
        // GIVEN A's postmortem complete, with an item still open and due 2026-11-30; C's open, with one item
        // due 2026-11-27, one due 2026-12-09, one due 2026-11-25 but done, and one without a due date
        Postmortem a = postmortem(A, Instant.parse("2026-11-26T03:00:00Z"),
                item("Page the payment team on 5xx", LocalDate.of(2026, 11, 30), false));
        Postmortem c = postmortem(C, null,
                item("Alert on payment-api 5xx within a minute", LocalDate.of(2026, 11, 27), false),
                item("Rehearse the rollback", LocalDate.of(2026, 12, 9), false),
                item("Fix the retry storm", LocalDate.of(2026, 11, 25), true),
                item("Someday", null, false));

        // WHEN the figures are computed on 2026-12-02
        IncidentMetrics m = IncidentMetrics.of(FROM, TO, List.of(A, C), List.of(c, a), DECEMBER_2, TOKYO);

        // THEN 1 of 2 complete: 50%; overdue: the open items due before 2 December, in the postmortems' order
        assertEquals(new IncidentMetrics.Completion(1, 2), m.postmortems());
        assertEquals(Optional.of(50L), m.postmortems().percent());
        assertEquals(List.of("Alert on payment-api 5xx within a minute", "Page the payment team on 5xx"),
                m.overdueActionItems().stream().map(ActionItem::description).toList());
    }

    @Test
    void noPostmortems_haveNoCompletionPercentage_ratherThanADivisionByZero() {
        // GIVEN no postmortem at all
        // WHEN the figures are computed
        IncidentMetrics m = IncidentMetrics.of(FROM, TO, List.of(A), List.of(), DECEMBER_2, TOKYO);

        // THEN 0 of 0, and no percentage
        assertEquals(new IncidentMetrics.Completion(0, 0), m.postmortems());
        assertEquals(Optional.empty(), m.postmortems().percent());
    }

    /** An incident detected {@code detected} minutes after T0, acknowledged and resolved at the minutes given (null: not yet). */
    private static Incident incident(int number, Severity severity, String service, int detected, Integer acknowledged,
                                     Integer resolved) {
        Instant at = T0.plus(Duration.ofMinutes(detected));
        Incident i = Incident.open(new IncidentId(number), "incident " + number, severity, service, null, null, at);
        if (acknowledged != null) {
            i = i.moveTo(Status.ACKNOWLEDGED, T0.plus(Duration.ofMinutes(acknowledged)));
        }
        return resolved == null ? i : i.moveTo(Status.RESOLVED, T0.plus(Duration.ofMinutes(resolved)));
    }

    private static Postmortem postmortem(Incident incident, Instant completedAt, ActionItem... items) {
        return new Postmortem(incident.id(), incident.title(), LocalDate.of(2026, 11, 24), List.of(), "U0BOB",
                LocalDate.of(2026, 12, 3), null, null, null, null, null, null, List.of(items), null, null, null,
                completedAt == null ? null : "U0BOB", completedAt, 1);
    }

    private static ActionItem item(String description, LocalDate due, boolean done) {
        return new ActionItem(description, description, ActionItem.Type.PREVENT, "U0BOB", due, null, done);
    }
}
