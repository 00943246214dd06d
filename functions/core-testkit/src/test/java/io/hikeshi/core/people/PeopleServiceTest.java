package io.hikeshi.core.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.core.testkit.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names are learned when new or changed, and looked up for readers; an id without a name reads as itself. */
class PeopleServiceTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T03:00:00Z"));
    private final PeopleService people = new PeopleService(InMemoryStorage.create().ports().people(), clock);

    @Test
    void learned_writesANewOrChangedName_notTheSameOne_norABlankOne() {
        assertTrue(people.learned("U0ALICE", " Alice "));
        clock.advance(Duration.ofMinutes(5));
        assertFalse(people.learned("U0ALICE", "Alice"), "the same name, stripped");
        assertFalse(people.learned("U0ALICE", "  "), "a blank name says nothing");
        assertTrue(people.learned("U0ALICE", "Alice Sato"));

        assertEquals(Map.of("U0ALICE", "Alice Sato"), people.names(java.util.List.of("U0ALICE")).byId());
    }

    @Test
    void names_skipNobody_andShowTheUnknownAsTheirId() {
        people.learned("U0BOB", "Bob");

        Names names = people.names(Arrays.asList("U0BOB", null, "", "U0CAROL", "cloudwatch"));

        assertEquals("Bob", names.of("U0BOB"));
        assertEquals("U0CAROL", names.of("U0CAROL"));
        assertEquals("cloudwatch", names.of("cloudwatch"));
        assertEquals(null, names.of(null));
    }
}
