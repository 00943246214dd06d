package io.hikeshi.slack.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The people a request names besides its sender, whose names the Slack side then learns: mentions in a command that gives
 * someone a part (commander, role),
 * users picked in a users_select or multi_users_select, in a message or a form. Anything shaped otherwise is no one.
 */
class RequestOriginNamedTest {

    private static final RequestHeaders NO_HEADERS = new RequestHeaders(Map.of());

    @Test
    void aCommand_namesWhoItsTextMentions_withOrWithoutTheirUsername() {
        // GIVEN /incident role comms <@U0KENJI|kenji> <@W0GRID> and text that only looks like a mention
        String body = "team_id=T0HIKESHI&user_id=U0ALICE&channel_id=C0WARROOM&command=%2Fincident&text="
                + URLEncoder.encode("role comms <@U0KENJI|kenji> <@W0GRID> @U0TYPED <@u0lower>", StandardCharsets.UTF_8);

        // WHEN it is read
        RequestOrigin origin = RequestOrigin.of(new SlashCommandRequest(body, NO_HEADERS));

        // THEN the two mentions are named; the sender is the sender
        assertEquals(Set.of("U0KENJI", "W0GRID"), origin.named());
        assertEquals("U0ALICE", origin.userId());
    }

    @Test
    void aCommandThatGivesNobodyAPart_namesNobody_whoeverItsTextMentions() {
        // GIVEN a note and a commander command, both mentioning people
        String note = "team_id=T0HIKESHI&user_id=U0ALICE&command=%2Fincident&text="
                + URLEncoder.encode("note paged <@U0KENJI> and <@U0HANA>", StandardCharsets.UTF_8);
        String commander = "team_id=T0HIKESHI&user_id=U0ALICE&command=%2Fincident&text="
                + URLEncoder.encode("Commander INC-0042 <@U0HANA>", StandardCharsets.UTF_8);

        // THEN only the commander command names someone
        assertEquals(Set.of(), RequestOrigin.of(new SlashCommandRequest(note, NO_HEADERS)).named());
        assertEquals(Set.of("U0HANA"), RequestOrigin.of(new SlashCommandRequest(commander, NO_HEADERS)).named());
    }

    @Test
    void anInteraction_namesTheUsersPickedInItsSelects_inTheMessageAndInTheForm() {
        // GIVEN a users_select click, and a form with a users_select and a multi_users_select (and a text input)
        String click = """
                {"type":"block_actions","team":{"id":"T0HIKESHI"},"user":{"id":"U0BOB","team_id":"T0HIKESHI"},
                 "actions":[{"type":"users_select","action_id":"pm_reassign_owner","selected_user":"U0KENJI"}]}""";
        String form = """
                {"type":"view_submission","team":{"id":"T0HIKESHI"},"user":{"id":"U0BOB","team_id":"T0HIKESHI"},
                 "view":{"state":{"values":{
                   "owner":{"value":{"type":"users_select","selected_user":"U0HANA"}},
                   "crew":{"value":{"type":"multi_users_select","selected_users":["U0RIKU","not-an-id"]}},
                   "text":{"value":{"type":"plain_text_input","value":"<@U0NOTPICKED>"}}}}}}""";

        // WHEN each is read
        RequestOrigin clicked = RequestOrigin.of(new BlockActionRequest(payload(click), click, NO_HEADERS));
        RequestOrigin submitted = RequestOrigin.of(new ViewSubmissionRequest(payload(form), form, NO_HEADERS));

        // THEN the picked users are named, and nobody's words
        assertEquals(Set.of("U0KENJI"), clicked.named());
        assertEquals(Set.of("U0HANA", "U0RIKU"), submitted.named());
    }

    private static String payload(String json) {
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }
}
