package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.SlackLimits;
import io.hikeshi.slackstub.SlackApiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The App Home tab through signed Slack requests against the strict stub: opening it publishes the viewer's own tab
 * (open incidents linked to their war rooms, a Declare button, the postmortems and action items the viewer has to
 * finish, nobody else's); the button opens the declare modal, whose submission tells the declarer in a direct message
 * and redraws their tab; 150 of everything stay within Slack's limits, cut visibly; Japanese and English.
 */
class HomeTabSlackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The core and Bolt both run on now (Bolt checks signatures against the machine's clock). */
    private static final String ALICE = StrictSlackRig.USER;
    private static final String BOB = "U0BOB";

    private final StrictSlackRig rig = new StrictSlackRig(HostileData.all()[0]);

    @AfterEach
    void close() {
        rig.close();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(rig.calendar.instant(), StrictSlackRig.TOKYO);
    }

    /** A postmortem as stored, owned by {@code owner}, due {@code due}, with these action items. */
    private void postmortem(long number, String title, String owner, LocalDate due, ActionItem... items) {
        assertTrue(rig.core.storage().postmortems().save(new Postmortem(new IncidentId(number), title, today().minusDays(3),
                List.of(), owner, due, null, null, null, null, null, null, List.of(items), null, null, null, null, null, 0)));
    }

    private static ActionItem item(String description, String owner, LocalDate due) {
        return new ActionItem(UUID.randomUUID().toString(), description, ActionItem.Type.PREVENT, owner, due, null, false);
    }

    /** {@code user} opens their Home tab; returns the view Slack was given for them. */
    private JsonNode opensHome(String user) {
        ObjectNode opened = StrictSlackRig.sample("slack-event-app-home-opened.json");
        opened.put("event_id", "Ev" + UUID.randomUUID().toString().substring(0, 8));
        ((ObjectNode) opened.path("event")).put("user", user);
        rig.event(opened);
        rig.runTasks();
        return published(user);
    }

    private JsonNode published(String user) {
        SlackApiStub.Call call = rig.slack.calls("views.publish").getLast();
        assertEquals(user, call.param("user_id"));
        try {
            return JSON.readTree(call.param("view"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every text the view shows, in order. */
    private static List<String> texts(JsonNode view) {
        List<String> texts = new ArrayList<>();
        view.path("blocks").forEach(block -> {
            texts.add(block.path("text").path("text").asText());
            block.path("elements").forEach(e -> texts.add(e.path("text").isTextual() ? e.path("text").asText()
                    : e.path("text").path("text").asText()));
        });
        return texts.stream().filter(t -> !t.isEmpty()).toList();
    }

    private static String shown(JsonNode view) {
        return String.join("\n", texts(view));
    }

    /** A click on the Home tab's Declare button, as Slack posts it: from a view, in no channel, with a trigger id. */
    private static ObjectNode declareClicked(String user) {
        ObjectNode payload = StrictSlackRig.sample("slack-block-actions-home-declare.json");
        ((ObjectNode) payload.path("user")).put("id", user);
        payload.put("trigger_id", "1." + UUID.randomUUID());
        return payload;
    }

    @Test
    void openingHome_publishesWarRoomLinks_theDeclareButton_andTheViewersOwnWorkOnly() {
        // GIVEN an open incident with its war room, one without a room yet, and postmortems: Alice owns one overdue and
        // holds an item in Bob's; Bob owns his and holds his own item
        IncidentId withRoom = rig.openIncidentWithWarRoom();
        String room = rig.room().channelId();
        IncidentId roomless = rig.core.incidents().declare("決済の遅延", Severity.SEV3, "payment-api", null, BOB, "d-1")
                .orElseThrow().id();
        postmortem(901, "アリスの振り返り", ALICE, today().minusDays(1));
        postmortem(902, "ボブの振り返り", BOB, today().plusDays(5), item("カナリアリリースを導入", ALICE, today().plusDays(7)),
                item("ボブのアイテム", BOB, today().plusDays(2)));

        // WHEN Alice opens her Home tab
        JsonNode view = opensHome(ALICE);
        String shown = shown(view);

        // THEN the incident links to its war room, the other says its room is coming; the button is there; her
        // overdue postmortem and her item are listed with their dates, nothing of Bob's own
        assertEquals("home", view.path("type").asText());
        assertTrue(shown.contains("*" + withRoom + "* <#" + room + "> · "), shown);
        assertTrue(shown.contains("*" + roomless + "* 対策室を準備中 · 決済の遅延"), shown);
        JsonNode button = view.path("blocks").get(0).path("elements").get(0);
        assertEquals(SlackIds.Action.DECLARE_FROM_HOME.id(), button.path("action_id").asText());
        assertEquals("インシデントを宣言", button.path("text").path("text").asText());
        assertTrue(shown.contains("*INC-0901* アリスの振り返り · 下書き · :warning: *期限超過*（期限 " + today().minusDays(1) + "）"),
                shown);
        assertTrue(shown.contains("• カナリアリリースを導入（再発防止・*INC-0902*）· 期限 " + today().plusDays(7)), shown);
        assertFalse(shown.contains("ボブの振り返り") || shown.contains("ボブのアイテム"), "nothing of Bob's own: " + shown);
        assertEquals(List.of(), rig.slack.enforcements(), "Slack refused nothing");
    }

    @Test
    void theDeclareButton_opensTheDeclareModal_whoseSubmissionIsToldInADirectMessage_andRedrawsTheTab() {
        // GIVEN Alice's Home tab
        opensHome(ALICE);

        // WHEN she clicks Declare, and submits the modal it opened
        JsonNode clicked = rig.interaction(declareClicked(ALICE));
        SlackApiStub.Call opened = rig.slack.calls("views.open").getLast();
        JsonNode modal = read(opened.param("view"));
        rig.interaction(StrictSlackRig.viewSubmission(SlackIds.View.DECLARE.id(), modal.path("private_metadata").asText(),
                Map.of("title", Map.of("type", "plain_text_input", "value", "ホームから宣言 🔥"),
                        "severity", Map.of("type", "static_select", "selected_option", Map.of("value", "SEV2")),
                        "service", Map.of("type", "plain_text_input", "value", "payment-api"),
                        "description", Map.of("type", "plain_text_input", "value", "説明"))));
        rig.runTasks();

        // THEN the click was answered at once with the declare modal (as /incident declare opens it), on the click's
        // trigger; the incident was declared, its card sent to Alice directly, and her tab redrawn with it
        assertEquals(200, clicked.path("statusCode").asInt());
        assertEquals(SlackIds.View.DECLARE.id(), modal.path("callback_id").asText());
        assertEquals(ALICE, modal.path("private_metadata").asText(), "the origin: Alice herself, a direct message");
        SlackApiStub.Call told = rig.slack.calls("chat.postMessage").getLast();
        assertEquals(ALICE, told.param("channel"));
        assertTrue(told.param("text").contains("ホームから宣言"), told.param("text"));
        assertTrue(shown(published(ALICE)).contains("ホームから宣言 🔥"), "the tab shows the new incident");
        assertEquals(2, rig.slack.calls("views.publish").size(), "opened once, redrawn once");
        assertEquals(List.of(), rig.slack.enforcements(), "Slack refused nothing");
    }

    @Test
    void a150OfEverything_staysWithinSlacksLimits_cutVisiblyWithHowManyMore() {
        // GIVEN 150 open incidents and 150 postmortems Alice owns, each with an item she holds, all at the longest
        // words people write (Japanese, emoji, mrkdwn's specials)
        String title = HostileData.exactly(HostileData.WORDS, 200);
        for (int i = 1; i <= 150; i++) {
            rig.core.incidents().declare(title, Severity.SEV2, "svc-" + i, null, BOB, "many-" + i).orElseThrow();
            postmortem(1000 + i, title, ALICE, today().plusDays(i % 20 - 10),
                    item(HostileData.exactly(HostileData.WORDS, 500), ALICE, today().plusDays(i % 30 - 15)));
        }

        // WHEN Alice opens her Home tab
        JsonNode view = opensHome(ALICE);
        String shown = shown(view);

        // THEN Slack took it: at most 100 blocks, every text within its limit; each list says how many more there are
        assertEquals(List.of(), rig.slack.enforcements(), "Slack refused nothing");
        assertTrue(view.path("blocks").size() <= SlackLimits.VIEW_BLOCKS, "blocks: " + view.path("blocks").size());
        StreamSupport.stream(view.path("blocks").spliterator(), false).forEach(block ->
                assertTrue(SlackLimits.length(block.path("text").path("text").asText()) <= SlackLimits.SECTION_TEXT));
        assertEquals(150, shownAndLeftOut(view, "home.header", "home.more", "*INC-"), "incidents");
        assertEquals(150, shownAndLeftOut(view, "home.pm.header", "home.pm.more", "*INC-"), "postmortems");
        assertEquals(150, shownAndLeftOut(view, "home.items.header", "home.items.more", "• "), "action items");
        assertTrue(shown.contains("&lt;!channel&gt; &amp; &lt;@U0BOB&gt;"), "people's words shown as text");
        assertFalse(shown.contains("<!channel>") || shown.contains("<@U0BOB>"), "never live markup");
    }

    @Test
    void anEnglishReader_getsTheTabInEnglish() {
        // GIVEN Alice reads Slack in English, owns a postmortem due in three days and holds an undated item in it
        rig.slack.setLocale(ALICE, "en-US");
        postmortem(903, "Payment API returns 5xx", ALICE, today().plusDays(3), item("Add a canary", ALICE, null));

        // WHEN she opens her Home tab
        JsonNode view = opensHome(ALICE);
        String shown = shown(view);

        // THEN every word is English
        assertEquals("Declare an incident", view.path("blocks").get(0).path("elements").get(0).path("text").path("text").asText());
        assertTrue(shown.contains("Open incidents"), shown);
        assertTrue(shown.contains("No open incidents."), shown);
        assertTrue(shown.contains("My open postmortems\n*INC-0903* Payment API returns 5xx · draft · due " + today().plusDays(3)), shown);
        assertTrue(shown.contains("My open action items\n• Add a canary (prevent, *INC-0903*) · no due date yet"), shown);
        assertEquals(List.of(), rig.slack.enforcements(), "Slack refused nothing");
    }

    /**
     * The lines a list showed (those starting with {@code linePrefix}, under its header) and how many its last line says
     * it left out, added up; that "more" line must be there.
     */
    private int shownAndLeftOut(JsonNode view, String header, String moreKey, String linePrefix) {
        List<String> lines = new ArrayList<>();
        boolean inList = false;
        for (JsonNode block : view.path("blocks")) {
            String text = block.path("text").path("text").asText();
            if (block.path("type").asText().equals("header")) {
                inList = text.equals(rig.m.get(header));
            } else if (inList && block.path("type").asText().equals("section")) {
                lines.addAll(List.of(text.split("\n")));
            }
        }
        String[] around = Mrkdwn.text(rig.m, moreKey, 987_654).split("987654");
        String more = lines.getLast();
        assertTrue(more.startsWith(around[0]) && more.endsWith(around[1]), "the last line says how many more: " + more);
        int leftOut = Integer.parseInt(more.substring(around[0].length(), more.length() - around[1].length()));
        return (int) lines.stream().filter(line -> line.startsWith(linePrefix)).count() + leftOut;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
