package io.hikeshi.core.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusTest {

    @Test
    void forwardMoves_maySkipSteps() {
        // GIVEN a triggered incident WHEN it moves forward THEN any later step is reachable
        assertEquals(EnumSet.of(Status.ACKNOWLEDGED, Status.INVESTIGATING, Status.MITIGATED, Status.RESOLVED),
                Status.TRIGGERED.next());
        assertEquals(EnumSet.of(Status.INVESTIGATING, Status.MITIGATED, Status.RESOLVED), Status.ACKNOWLEDGED.next());
        assertEquals(EnumSet.of(Status.MITIGATED, Status.RESOLVED), Status.INVESTIGATING.next());
    }

    @Test
    void mitigated_mayGoBackToInvestigating() {
        // GIVEN a fix that did not hold THEN mitigated → investigating is the one way back
        assertTrue(Status.MITIGATED.canMoveTo(Status.INVESTIGATING));
        assertTrue(Status.MITIGATED.canMoveTo(Status.RESOLVED));
        assertFalse(Status.MITIGATED.canMoveTo(Status.ACKNOWLEDGED));
        assertFalse(Status.INVESTIGATING.canMoveTo(Status.ACKNOWLEDGED));
    }

    @Test
    void resolved_isFinalAndNotOpen() {
        assertTrue(Status.RESOLVED.next().isEmpty());
        assertFalse(Status.RESOLVED.isOpen());
        for (Status s : Status.values()) {
            assertFalse(Status.RESOLVED.canMoveTo(s), "resolved → " + s);
        }
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void triggered_isUnreachable(Status from) {
        assertFalse(from.canMoveTo(Status.TRIGGERED), from + " → triggered");
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void noStatus_movesToItself(Status s) {
        assertFalse(s.canMoveTo(s));
    }

    @Test
    void everyStatusButResolved_isOpen() {
        for (Status s : Status.values()) {
            assertEquals(s != Status.RESOLVED, s.isOpen(), s.name());
        }
    }

    @Test
    void parse_acceptsAnyCaseAndSpaces() {
        assertEquals(Status.INVESTIGATING, Status.parse(" investigating "));
        assertEquals(Status.MITIGATED, Status.parse("Mitigated"));
    }

    @Test
    void parse_rejectsUnknownWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Status.parse("fixed"));
        assertTrue(e.getMessage().contains("'fixed'"), e.getMessage());
        assertTrue(e.getMessage().contains("resolved"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Status.parse(null));
    }
}
