package io.hikeshi.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.core.warroom.WarRoomRepository;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The war-room records on DynamoDB Local and in the test kit's fake: the same rules, so core tests on the fake hold. */
class WarRoomRepositoryContractTest {

    private static final IncidentId INC = new IncidentId(42);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:12:47Z"), ZoneOffset.UTC);

    static Stream<Arguments> repositories() {
        Supplier<WarRoomRepository> dynamo = () -> {
            String table = "warrooms-" + UUID.randomUUID();
            TestTables.createWithoutTtlSweeper(EmbeddedDynamoDb.shared().client(), table);
            return DynamoDbStorage.on(EmbeddedDynamoDb.shared().client(), table, CLOCK).warRooms();
        };
        Supplier<WarRoomRepository> memory = () -> InMemoryStorage.create().ports().warRooms();
        return Stream.of(Arguments.of("DynamoDB", dynamo), Arguments.of("in memory", memory));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void theFirstClaimsName_wins_andAClaimAnswersWhatEarlierAttemptsRecorded(String store, Supplier<WarRoomRepository> rooms) {
        // GIVEN a room claimed, its channel and card recorded
        WarRoomRepository repository = rooms.get();
        repository.claim(INC, "inc-0042-first");
        repository.recordChannel(INC, "inc-0042-first", "C0001");
        repository.recordCard(INC, "1795403567.000100");

        // WHEN another attempt claims it under another name
        WarRoom claimed = repository.claim(INC, "inc-0042-second");

        // THEN it gets the room as the first attempt left it
        assertEquals(new WarRoom(INC, "inc-0042-first", "C0001", "1795403567.000100", Set.of()), claimed);
        assertEquals(Optional.of(claimed), repository.find(INC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void theFirstChannelAndCard_win_andRecordingTheSameAgainIsHarmless(String store, Supplier<WarRoomRepository> rooms) {
        // GIVEN a room whose channel and card are recorded
        WarRoomRepository repository = rooms.get();
        repository.claim(INC, "inc-0042");
        repository.recordChannel(INC, "inc-0042", "C0001");
        repository.recordCard(INC, "1795403567.000100");

        // WHEN another channel and card are recorded, and the same ones again
        WarRoom otherChannel = repository.recordChannel(INC, "inc-0042-2", "C0002");
        WarRoom otherCard = repository.recordCard(INC, "1795403567.000200");
        WarRoom sameChannel = repository.recordChannel(INC, "inc-0042", "C0001");

        // THEN the first ones stay, and each answer is the room as stored
        WarRoom first = new WarRoom(INC, "inc-0042", "C0001", "1795403567.000100", Set.of());
        assertEquals(List.of(first, first, first), List.of(otherChannel, otherCard, sameChannel));
        assertEquals(Optional.of(INC), repository.incidentForChannel("C0001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void stepsRecordedAtOnce_areAllKept_evenBeforeTheRoomIsClaimed(String store, Supplier<WarRoomRepository> rooms)
            throws InterruptedException {
        // GIVEN no room yet
        WarRoomRepository repository = rooms.get();
        ExecutorService pool = Executors.newFixedThreadPool(8);

        // WHEN twenty steps are recorded concurrently, then the room is claimed
        IntStream.range(0, 20).forEach(i -> pool.submit(() -> repository.recordDone(INC, "broadcast:" + i)));
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        WarRoom claimed = repository.claim(INC, "inc-0042");

        // THEN every step is there, and the claim did not lose them
        assertEquals(20, claimed.done().size());
        assertEquals("inc-0042", claimed.channelName());
        assertTrue(claimed.isDone("broadcast:7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void anUnknownRoomAndChannel_areEmpty(String store, Supplier<WarRoomRepository> rooms) {
        // GIVEN nothing recorded
        WarRoomRepository repository = rooms.get();

        // WHEN a room and a channel are looked up THEN neither is there
        assertEquals(Optional.empty(), repository.find(INC));
        assertEquals(Optional.empty(), repository.incidentForChannel("C0NONE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void findAll_answersTheRoomsOfThoseIncidentsThatHaveOne_pastOneBatchOfAHundredKeys(String store,
                                                                                     Supplier<WarRoomRepository> rooms) {
        // GIVEN 150 incidents, the even-numbered ones with a room and a channel
        WarRoomRepository repository = rooms.get();
        List<IncidentId> incidents = IntStream.rangeClosed(1, 150).mapToObj(IncidentId::new).toList();
        incidents.stream().filter(id -> id.number() % 2 == 0).forEach(id -> {
            repository.claim(id, "inc-" + id.number());
            repository.recordChannel(id, "inc-" + id.number(), "C" + id.number());
        });

        // WHEN all their rooms are asked for at once (DynamoDB: two BatchGetItem requests)
        var found = repository.findAll(incidents);

        // THEN the 75 rooms come back, each its own
        assertEquals(75, found.size());
        found.forEach((id, room) -> assertEquals("C" + id.number(), room.channelId()));
    }
}
