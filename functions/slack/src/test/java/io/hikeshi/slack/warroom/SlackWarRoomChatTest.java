package io.hikeshi.slack.warroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.warroom.ServiceDirectory.ResponseGuide;
import io.hikeshi.core.warroom.WarRoomChat.Announcement;
import io.hikeshi.core.warroom.WarRoomChat.EarlierPosts;
import io.hikeshi.core.warroom.WarRoomChat.NewChannel;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slackstub.SlackApiStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The war room's chat port in Slack: the real SDK against the Slack-shaped stub. */
class SlackWarRoomChatTest {

    private static final IncidentId INC = new IncidentId(42);
    private static final Incident INCIDENT = Incident.open(INC, "Payment API returns 5xx", Severity.SEV2, "payment-api", null,
            null, Instant.parse("2026-11-24T03:12:47Z"));

    private SlackApiStub slackApi;
    private SlackWarRoomChat chat;

    @BeforeEach
    void setUp() {
        slackApi = SlackApiStub.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slackApi.methodsUrlPrefix());
        chat = new SlackWarRoomChat(Slack.getInstance(config).methods("xoxb-test"),
                new SlackCalls(2, Duration.ofMillis(1), Duration.ofSeconds(1)), Messages.of(Messages.ENGLISH));
    }

    @AfterEach
    void tearDown() {
        slackApi.close();
    }

    /** What Slack answers for a room holding this app's card and guide, a person's message, and another incident's card. */
    private static final String HISTORY = """
            {"ok":true,"has_more":false,"response_metadata":{"next_cursor":""},"messages":[
              {"type":"message","user":"U0ALICE","text":"rolled back","ts":"1795403600.000400"},
              {"type":"message","user":"U0BOT","bot_id":"B0BOT","text":"guide","ts":"1795403567.000300",
               "blocks":[{"type":"section","block_id":"response_guide:INC-0042","text":{"type":"mrkdwn","text":"guide"}}]},
              {"type":"message","user":"U0BOT","bot_id":"B0BOT","text":"card","ts":"1795403567.000200",
               "blocks":[{"type":"section","block_id":"incident_card:INC-0007","text":{"type":"mrkdwn","text":"INC-0007"}}]},
              {"type":"message","user":"U0BOT","bot_id":"B0BOT","text":"card","ts":"1795403567.000100",
               "blocks":[{"type":"section","block_id":"incident_card:INC-0042","text":{"type":"mrkdwn","text":"INC-0042"}}]}
            ]}""";

    @Test
    void earlierPosts_findsThisAppsCardAndGuideOfTheIncident_byTheirBlocks() {
        // GIVEN a room whose history holds the card and guide of INC-0042 among other messages
        slackApi.respond("conversations.history", HISTORY);

        // WHEN a retry looks for what it posted before
        EarlierPosts earlier = chat.earlierPosts("C0WARROOM", INC);

        // THEN it finds this incident's card (not another's) and its guide
        assertEquals(new EarlierPosts("1795403567.000100", true), earlier);
    }

    @Test
    void earlierPosts_ofARoomWithoutThem_findsNothing() {
        // GIVEN a room whose history holds only a person's message (the stub's default)
        // WHEN a retry looks THEN there is nothing to adopt
        assertEquals(EarlierPosts.NONE, chat.earlierPosts("C0WARROOM", INC));
    }

    @Test
    void thePostedCardAndGuide_carryTheBlocksTheyAreFoundBy() {
        // GIVEN a room
        // WHEN the card and guide are posted
        chat.postCard("C0WARROOM", INCIDENT);
        chat.postGuide("C0WARROOM", INC, new ResponseGuide("payment-api — SEV2", List.of("Acknowledge"), "guides/payment-api.md"));

        // THEN their blocks say whose they are
        var posts = slackApi.calls("chat.postMessage");
        assertTrue(posts.get(0).param("blocks").contains("\"block_id\":\"incident_card:INC-0042\""), posts.get(0).param("blocks"));
        assertTrue(posts.get(1).param("blocks").contains("\"block_id\":\"response_guide:INC-0042\""), posts.get(1).param("blocks"));
    }

    @Test
    void aChannelNameTaken_isAdoptedWhenThisAppMadeIt_andRefusedWhenSomeoneElseDid() {
        // GIVEN a channel this app made, and "general", made by a person
        NewChannel made = chat.createChannel("inc-20261124-0042-payment-api", io.hikeshi.core.incident.Incident.Visibility.PUBLIC);

        // WHEN each name is created again
        NewChannel again = chat.createChannel("inc-20261124-0042-payment-api", io.hikeshi.core.incident.Incident.Visibility.PUBLIC);
        NewChannel general = chat.createChannel("general", io.hikeshi.core.incident.Incident.Visibility.PUBLIC);

        // THEN the app's own is adopted, the person's is taken
        assertEquals(new NewChannel.MadeEarlier(((NewChannel.Created) made).id()), again);
        assertEquals(new NewChannel.NameTaken(), general);
    }

    @Test
    void announcements_escapeWhatPeopleTyped_soTheyCannotMentionAnyone() {
        // GIVEN a status update whose summary tries to notify the whole channel
        // WHEN it is announced
        chat.broadcast("C0INCIDENTS", new Announcement.StatusUpdate(INC, Status.MITIGATED, "<!channel> rolled back"));

        // THEN it reads as text, with the status in words
        String text = slackApi.calls("chat.postMessage").get(0).param("text");
        assertEquals(":memo: *INC-0042* [mitigated] &lt;!channel&gt; rolled back", text);
        assertFalse(text.contains("<!channel>"));
    }
}
