package io.hikeshi.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.people.PeopleDirectory;
import io.hikeshi.core.people.Person;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** People's names on DynamoDB Local and in the test kit's fake: the same rules, so core tests on the fake hold. */
class PeopleDirectoryContractTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:12:47Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    static Stream<Arguments> directories() {
        Supplier<PeopleDirectory> dynamo = () -> {
            String table = "people-" + UUID.randomUUID();
            TestTables.createWithoutTtlSweeper(EmbeddedDynamoDb.shared().client(), table);
            return DynamoDbStorage.on(EmbeddedDynamoDb.shared().client(), table, CLOCK).people();
        };
        Supplier<PeopleDirectory> memory = () -> InMemoryStorage.create().ports().people();
        return Stream.of(Arguments.of("DynamoDB", dynamo), Arguments.of("in memory", memory));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void aNewName_isWritten_theSameAgainIsNot_andAChangedOneIs(String store, Supplier<PeopleDirectory> directories) {
        PeopleDirectory people = directories.get();

        assertTrue(people.remember(new Person("U0ALICE", "Alice", T0)), "new");
        assertFalse(people.remember(new Person("U0ALICE", "Alice", T0.plusSeconds(300))), "unchanged: not rewritten");
        assertTrue(people.remember(new Person("U0ALICE", "Alice (SRE)", T0.plusSeconds(600))), "changed");

        assertEquals(Map.of("U0ALICE", "Alice (SRE)"), people.names(Set.of("U0ALICE")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void aNameLearnedEarlier_neverOverwritesOneLearnedLater(String store, Supplier<PeopleDirectory> directories) {
        // GIVEN two function instances: one learned the new name, the other still had the old one and writes late
        PeopleDirectory people = directories.get();
        people.remember(new Person("U0BOB", "Bob Tanaka", T0.plusSeconds(60)));

        // WHEN the older learning arrives
        boolean written = people.remember(new Person("U0BOB", "bob", T0));

        // THEN the newer name stays
        assertFalse(written);
        assertEquals(Map.of("U0BOB", "Bob Tanaka"), people.names(Set.of("U0BOB")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directories")
    void names_answerTheKnown_andLeaveOutTheUnknown_forMoreThanOneReadsWorth(String store,
                                                                           Supplier<PeopleDirectory> directories) {
        // GIVEN 250 people with names (more than one BatchGetItem reads) and markup in one name, kept as written
        PeopleDirectory people = directories.get();
        IntStream.range(0, 250).forEach(i -> people.remember(new Person("U" + i, "person " + i, T0)));
        people.remember(new Person("U0MALLORY", "<b>Mallory</b> | 山田", T0));

        // WHEN the names of all of them, Mallory and someone never seen are asked for
        Set<String> asked = IntStream.range(0, 250).mapToObj(i -> "U" + i).collect(Collectors.toSet());
        asked.add("U0MALLORY");
        asked.add("U0NOBODY");
        Map<String, String> names = people.names(asked);

        // THEN every known one, as written; the unknown is absent
        assertEquals(251, names.size());
        assertEquals("person 249", names.get("U249"));
        assertEquals("<b>Mallory</b> | 山田", names.get("U0MALLORY"));
        assertFalse(names.containsKey("U0NOBODY"));
        assertEquals(Map.of(), people.names(Set.of()));
    }
}
