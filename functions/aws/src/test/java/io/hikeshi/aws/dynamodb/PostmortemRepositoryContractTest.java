package io.hikeshi.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemRepository;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A person's open postmortems on DynamoDB Local and in the test kit's fake: the same answer, read from the open
 * postmortems' index partition (never a scan), whatever the items' size.
 */
class PostmortemRepositoryContractTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:12:47Z"), ZoneOffset.UTC);
    private static final LocalDate DUE = LocalDate.of(2026, 12, 3);
    private static final String ALICE = "U0ALICE";
    private static final String BOB = "U0BOB";

    private static String dynamoTable() {
        String table = "postmortems-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(EmbeddedDynamoDb.shared().client(), table);
        return table;
    }

    static Stream<Arguments> repositories() {
        Supplier<PostmortemRepository> dynamo = () -> DynamoDbStorage.on(EmbeddedDynamoDb.shared().client(), dynamoTable(),
                CLOCK).postmortems();
        Supplier<PostmortemRepository> memory = () -> InMemoryStorage.create().ports().postmortems();
        return Stream.of(Arguments.of("DynamoDB", dynamo), Arguments.of("in memory", memory));
    }

    private static Postmortem postmortem(int number, String owner, int daysLate, String text, ActionItem... items) {
        return new Postmortem(new IncidentId(number), "Incident " + number, DUE.minusDays(10), List.of(), owner,
                DUE.minusDays(daysLate), text, text, text, null, null, null, List.of(items), null, null, null, null, null, 0);
    }

    private static ActionItem item(String id, String owner, boolean done) {
        return new ActionItem(id, "Do " + id, ActionItem.Type.PREVENT, owner, DUE, null, done);
    }

    private static List<Long> numbers(List<Postmortem> postmortems) {
        return postmortems.stream().map(p -> p.incident().number()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void openInvolving_answersThePostmortemsAPersonOwnsOrHoldsAnOpenItemOf_openOnes_earliestDueFirst(
            String store, Supplier<PostmortemRepository> repositories) {
        // GIVEN Alice owns #1 and #4 (complete), holds an open item in #2 (Bob's) and only a done one in #3 (Bob's)
        PostmortemRepository postmortems = repositories.get();
        postmortems.save(postmortem(1, ALICE, 0, null));
        postmortems.save(postmortem(2, BOB, 3, null, item("a", ALICE, false), item("b", BOB, false)));
        postmortems.save(postmortem(3, BOB, 5, null, item("c", ALICE, true)));
        postmortems.save(postmortem(4, ALICE, 7, null).completed(ALICE, CLOCK.instant()));

        // WHEN each person's are asked for
        List<Long> alice = numbers(postmortems.openInvolving(ALICE));
        List<Long> bob = numbers(postmortems.openInvolving(BOB));
        List<Long> carol = numbers(postmortems.openInvolving("U0CAROL"));

        // THEN Alice gets #2 (due earlier) then #1; Bob his two open ones; Carol nothing
        assertEquals(List.of(2L, 1L), alice);
        assertEquals(List.of(3L, 2L), bob);
        assertEquals(List.of(), carol);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void openInvolving_followsAnItemHandedOn_andAPostmortemCompleted(String store, Supplier<PostmortemRepository> repositories) {
        // GIVEN Bob's postmortem with an item Alice holds
        PostmortemRepository postmortems = repositories.get();
        postmortems.save(postmortem(1, BOB, 0, null, item("a", ALICE, false)));
        Postmortem saved = postmortems.find(new IncidentId(1)).orElseThrow();

        // WHEN the item is handed to Carol, and later the postmortem is completed
        postmortems.save(saved.withActionItem(saved.actionItems().get(0).withOwner("U0CAROL")));
        List<Long> aliceAfterHandOver = numbers(postmortems.openInvolving(ALICE));
        List<Long> carolAfterHandOver = numbers(postmortems.openInvolving("U0CAROL"));
        Postmortem handed = postmortems.find(new IncidentId(1)).orElseThrow();
        postmortems.save(handed.completed(BOB, CLOCK.instant()));

        // THEN Alice no longer sees it, Carol did until it was complete
        assertEquals(List.of(), aliceAfterHandOver);
        assertEquals(List.of(1L), carolAfterHandOver);
        assertEquals(List.of(), numbers(postmortems.openInvolving("U0CAROL")));
    }

    @Test
    void onDynamoDb_everyPageIsRead_andItemsSavedBeforeTheAssigneesAttribute_areStillFound() {
        // GIVEN 40 open postmortems of about 30 kB each (over a query's 1 MB page), Alice's item in the last one due,
        // and one of hers saved before items carried "assignees"
        String table = dynamoTable();
        var client = EmbeddedDynamoDb.shared().client();
        PostmortemRepository postmortems = DynamoDbStorage.on(client, table, CLOCK).postmortems();
        String tenKilobytes = "x".repeat(10_000);
        for (int n = 1; n <= 40; n++) {
            postmortems.save(postmortem(n, BOB, 50 - n, tenKilobytes, item("i" + n, n == 40 ? ALICE : BOB, false)));
        }
        postmortems.save(postmortem(41, BOB, 60, null, item("old", ALICE, false)));
        client.updateItem(r -> r.tableName(table).key(Items.postmortemKey(new IncidentId(41)))
                .updateExpression("REMOVE " + Items.ASSIGNEES));
        assertTrue(client.getItem(r -> r.tableName(table).key(Items.postmortemKey(new IncidentId(41)))).item()
                .get(Items.ASSIGNEES) == null, "saved as before the attribute existed");

        // WHEN Alice's are asked for
        List<Long> alice = numbers(postmortems.openInvolving(ALICE));

        // THEN both are found: the old item, due first, and the one past the first page
        assertEquals(List.of(41L, 40L), alice);
    }
}
