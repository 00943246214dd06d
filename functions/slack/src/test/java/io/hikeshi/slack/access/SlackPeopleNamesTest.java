package io.hikeshi.slack.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.User;
import io.hikeshi.slackstub.ManualClock;
import io.hikeshi.slackstub.SlackApiStub;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The name a person is shown by, from users.info's user object (display name, else real name, else username), handed
 * on to be recorded only when it changes, however often Slack is asked; a failure to record it is tried again.
 */
class SlackPeopleNamesTest {

    /** A fixed instant: the cache's clock only, nothing here is signed. */
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T03:00:00Z"));
    private final List<String> recorded = new ArrayList<>();
    private SlackApiStub stub;
    private MethodsClient client;

    @BeforeEach
    void setUp() {
        stub = SlackApiStub.builder().withoutRateLimits().start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(stub.methodsUrlPrefix());
        client = Slack.getInstance(config).methods("xoxb-test");
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private SlackPeople recordingPeople() {
        return new SlackPeople(clock.withZone(ZoneOffset.UTC), (user, name) -> recorded.add(user + "=" + name));
    }

    @Test
    void theDisplayName_isShown_elseTheRealName() throws Exception {
        // GIVEN Alice chose a display name; Bob chose none (Slack gives ""), only his real name
        stub.setProfileNames("U0ALICE", "alice-sre", "Alice Sato");
        stub.setProfileNames("U0BOB", "", "Bob Tanaka");
        SlackPeople people = recordingPeople();

        // WHEN each is looked up
        // THEN Alice by her display name, Bob by his real name, each handed on to be recorded
        assertEquals("alice-sre", people.profile("U0ALICE", client).name());
        assertEquals("Bob Tanaka", people.profile("U0BOB", client).name());
        assertEquals(List.of("U0ALICE=alice-sre", "U0BOB=Bob Tanaka"), recorded);
    }

    @Test
    void theUsername_isTheLastResort_andNoNameAtAll_isNull() {
        User legacy = new User();
        legacy.setName("carol");
        legacy.setProfile(new User.Profile());
        assertEquals("carol", SlackPeople.shownName(legacy));
        assertNull(SlackPeople.shownName(new User()));
    }

    @Test
    void aNameIsHandedOnOnce_whileItStaysTheSame_andAgainWhenItChanges() throws Exception {
        // GIVEN Alice's name, looked up in a burst and again after the answer expired
        stub.setProfileNames("U0ALICE", "alice-sre", "Alice Sato");
        SlackPeople people = recordingPeople();
        for (int i = 0; i < 3; i++) {
            people.profile("U0ALICE", client);
        }
        clock.advance(SlackPeople.TTL.plusSeconds(1));
        people.profile("U0ALICE", client);

        // WHEN she renames herself, and the answer expires again
        stub.setProfileNames("U0ALICE", "alice (on call)", "Alice Sato");
        people.profile("U0ALICE", client);
        clock.advance(SlackPeople.TTL.plusSeconds(1));
        people.profile("U0ALICE", client);

        // THEN Slack was asked once per TTL, and each name handed on once, the new one only once Slack said it
        assertEquals(3, stub.calls("users.info").size());
        assertEquals(List.of("U0ALICE=alice-sre", "U0ALICE=alice (on call)"), recorded);
    }

    @Test
    void aNameThatCouldNotBeRecorded_isTriedAgain_andTheLookupStillAnswers() throws Exception {
        // GIVEN the table refuses the first write
        List<String> attempts = new ArrayList<>();
        SlackPeople people = new SlackPeople(clock.withZone(ZoneOffset.UTC), (user, name) -> {
            attempts.add(name);
            if (attempts.size() == 1) {
                throw new IllegalStateException("DynamoDB unavailable");
            }
            return true;
        });

        // WHEN Alice is looked up, then again once the answer expired
        String first = people.profile("U0ALICE", client).name();
        clock.advance(SlackPeople.TTL.plusSeconds(1));
        people.profile("U0ALICE", client);
        clock.advance(Duration.ofMinutes(20));
        people.profile("U0ALICE", client);

        // THEN the lookup answered anyway, and the name was recorded on the next answer, then left alone
        assertEquals("alice", first);
        assertEquals(List.of("alice", "alice"), attempts);
    }
}
