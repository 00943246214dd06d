package io.hikeshi.slack.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.Refusal;
import io.hikeshi.core.access.ActionPolicy;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.slackstub.ManualClock;
import io.hikeshi.slackstub.SlackApiStub;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who someone is (users.info, kept a short while) and whether they are in the war room (conversations.members, page by page). */
class SlackPeopleTest {

    private final ManualClock clock = new ManualClock(Instant.now());
    private SlackApiStub stub;

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private MethodsClient client() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(stub.methodsUrlPrefix());
        return Slack.getInstance(config).methods("xoxb-test");
    }

    @Test
    void aGuestIsKnownFromUsersInfo_andTheAnswerIsKeptForFiveMinutes() throws Exception {
        // GIVEN a guest and a member
        stub = SlackApiStub.builder().withoutRateLimits().guest("U0GUEST", true).start();
        SlackPeople people = new SlackPeople(clock.withZone(ZoneOffset.UTC));
        MethodsClient client = client();

        // WHEN each is asked about three times within five minutes, then once more after
        for (int i = 0; i < 3; i++) {
            assertTrue(people.isGuest("U0GUEST", client));
            assertFalse(people.isGuest("U0ALICE", client));
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(2, stub.calls("users.info").size(), "Slack asked once per person");
        clock.advance(SlackPeople.TTL);
        assertTrue(people.isGuest("U0GUEST", client));

        // THEN Slack is asked again only once the answer is older than the TTL
        assertEquals(3, stub.calls("users.info").size());
    }

    @Test
    void someoneSlackDoesNotKnow_isNotTakenForAMember() {
        // GIVEN a user id the workspace does not have
        stub = SlackApiStub.builder().withoutRateLimits().start();
        SlackPeople people = new SlackPeople(clock.withZone(ZoneOffset.UTC));

        // WHEN asked about them THEN it fails, so the caller refuses
        assertThrows(IllegalStateException.class, () -> people.isGuest("U0NOBODY", client()));
    }

    @Test
    void membershipIsReadPastTheFirstPage_ofAWarRoomWithManyPeople() {
        // GIVEN a war room of 250 people, the one asking joined last
        stub = SlackApiStub.builder().withoutRateLimits().start();
        for (int i = 0; i < 250; i++) {
            String user = String.format("U0P%03d", i);
            stub.addUser(user, "p" + i);
            stub.join("C0WARROOM", user);
        }
        Incident incident = Incident.open(IncidentId.parse("INC-0042"), "payment-api 5xx", Severity.SEV2, "payment-api",
                null, null, clock.instant()).withCommander("U0ALICE");
        Permissions permissions = new Permissions(ActionPolicy.defaults(), new SlackPeople(clock.withZone(ZoneOffset.UTC)),
                id -> Optional.of("C0WARROOM"));

        // WHEN the last of them resolves, and someone outside tries
        permissions.check(ActionPolicy.Action.RESOLVE, "U0P249", incident, client());
        assertThrows(Refusal.class, () -> permissions.check(ActionPolicy.Action.RESOLVE, "U0CAROL", incident, client()));

        // THEN the member was found on the second page; the outsider was refused after reading every page
        assertEquals(4, stub.calls("conversations.members").size());
        assertEquals("200", stub.calls("conversations.members").get(0).param("limit"));
    }
}
