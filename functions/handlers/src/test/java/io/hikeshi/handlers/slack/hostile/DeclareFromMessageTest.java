package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.web.IncidentView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Declaring from Slack as Slack sends it (signed requests through the real Bolt app, against the strict stub): the
 * service is picked from the configured services (a static select up to Slack's 100 options, past that an external
 * select whose options Hikeshi answers, filtered by what was typed), a service that is not configured is refused on
 * its input in the person's language, and the message shortcut opens the form filled in from the message and links
 * the message on the timeline and in the war room, without ever reading the message's channel.
 */
class DeclareFromMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bob reads Slack in English; everyone else in Japanese (the stub's default). */
    private static final String BOB = "U0BOB";
    private static final String KENJI = "U0KENJI";
    private static final Messages JA = Messages.of(Messages.JAPANESE);
    private static final Messages EN = Messages.of(Messages.ENGLISH);

    private StrictSlackRig rig;

    @AfterEach
    void close() {
        rig.close();
    }

    // ---- the service, picked ----

    @Test
    void declare_picksTheServiceFromAStaticSelectOfTheConfiguredServices() {
        // GIVEN the repository's four services
        rig = new StrictSlackRig(HostileData.all()[0]);

        // WHEN /incident declare opens the form
        rig.command("declare", "C0GENERAL");

        // THEN the service is a static select of exactly those services, in the file's order
        JsonNode service = serviceElement(lastView());
        assertEquals("static_select", service.path("type").asText());
        assertEquals(List.of("payment-api", "ride-booking", "unlock", "checkout"), values(service.path("options")));

        // WHEN the form is submitted with one chosen
        JsonNode answer = rig.interaction(declareSubmission(StrictSlackRig.USER, "C0GENERAL", "決済が遅い 🐢",
                Map.of("type", "static_select", "selected_option", Map.of("value", "checkout"))));

        // THEN the form closes and the incident is declared with it, announced where the command was typed
        assertEquals("", answer.path("body").asText());
        rig.runTasks();
        assertEquals("checkout", declared("決済が遅い 🐢").service());
        assertEquals(1, rig.slack.messages("C0GENERAL").size(), "the announcement with its card");
    }

    @Test
    void past100Services_theServiceIsSearched_andEachAnswerHoldsAtMost100Matches() {
        // GIVEN 150 configured services (svc-0 … svc-149)
        rig = new StrictSlackRig(HostileData.all()[4]);
        rig.command("declare", "C0GENERAL");

        // THEN the field is an external select (a static one holds 100 options at most)
        JsonNode service = serviceElement(lastView());
        assertEquals("external_select", service.path("type").asText());
        assertFalse(service.has("options"));

        // WHEN Slack asks for the options as the person types "svc-1"
        List<String> svc1 = values(rig.optionsFor(StrictSlackRig.USER, SlackIds.View.DECLARE.id(), "service", "svc-1")
                .path("options"));

        // THEN the matching ones: svc-1, then svc-10 … svc-19 and svc-100 … svc-149 (61), the exact start first
        assertEquals(61, svc1.size(), svc1.toString());
        assertEquals("svc-1", svc1.get(0));
        assertTrue(svc1.stream().allMatch(s -> s.startsWith("svc-1")), svc1.toString());

        // WHEN what was typed matches all 150 (in any case, with blanks around it)
        List<String> all = values(rig.optionsFor(StrictSlackRig.USER, SlackIds.View.DECLARE.id(), "service", " SVC ")
                .path("options"));

        // THEN the first 100, in the team's order: no more than an options answer may hold
        assertEquals(100, all.size());
        assertEquals("svc-0", all.get(0));
        assertEquals("svc-99", all.get(99));

        // AND what matches nothing gets no options; another modal's field gets none either
        assertEquals(List.of(), values(rig.optionsFor(StrictSlackRig.USER, SlackIds.View.DECLARE.id(), "service", "決済")
                .path("options")));
        assertEquals(List.of(), values(rig.optionsFor(StrictSlackRig.USER, SlackIds.View.RESOLVE.id(), "service", "svc")
                .path("options")));

        // WHEN one found that way is submitted
        JsonNode answer = rig.interaction(declareSubmission(StrictSlackRig.USER, "C0GENERAL", "svc-149 が落ちた",
                Map.of("type", "external_select", "selected_option", Map.of("value", "svc-149"))));

        // THEN it is declared with it
        assertEquals("", answer.path("body").asText());
        assertEquals("svc-149", declared("svc-149 が落ちた").service());
    }

    @Test
    void aServiceThatIsNotConfigured_isRefusedOnItsInput_inJapanese_andInEnglish_andNothingIsDeclared() {
        rig = new StrictSlackRig(HostileData.all()[0]);
        rig.slack.setLocale(BOB, "en-US");

        // WHEN a forged (or stale) submission names a service nobody configured, a valid name all the same
        JsonNode ja = errors(rig.interaction(declareSubmission(StrictSlackRig.USER, "C0GENERAL", "謎のサービス",
                Map.of("type", "static_select", "selected_option", Map.of("value", "no-such-service")))));
        JsonNode en = errors(rig.interaction(declareSubmission(BOB, "C0GENERAL", "Mystery service",
                Map.of("type", "plain_text_input", "value", "no-such-service"))));

        // THEN the service input says why, in each person's language; only that input
        assertEquals("設定済みのサービスから選んでください。", ja.path("service").asText());
        assertEquals("Choose one of the configured services.", en.path("service").asText());
        assertEquals(Set.of("service"), fieldNames(ja));
        assertTrue(rig.core.incidents().openIncidents(10).isEmpty(), "nothing declared");
    }

    // ---- declaring from a message ----

    @Test
    void theShortcut_opensTheFormFilledInFromTheMessage_withoutReadingItsChannel() {
        rig = new StrictSlackRig(HostileData.all()[0]);
        // GIVEN a public channel the bot is not in, and a message there whose first line is longer than a title
        rig.slack.addChannel("C0SUPPORT", "cs-support", false, false);
        String firstLine = HostileData.exactly("解錠できない🔒 <!channel> & ", 250);
        String text = "\n  " + firstLine + "  \n10分で30件 &amp; 増加中";
        String ts = messageTs(600);

        // WHEN Alice uses the shortcut on it
        JsonNode answer = rig.messageShortcut(StrictSlackRig.USER, "C0SUPPORT", "cs-support", ts, KENJI, text);

        // THEN Slack got an empty ack and one views.open: the declare form, in her language, filled in
        assertEquals("", answer.path("body").asText());
        JsonNode view = lastView();
        assertEquals(SlackIds.View.DECLARE.id(), view.path("callback_id").asText());
        assertEquals(JA.get("modal.declare.title"), view.path("title").path("text").asText());
        JsonNode title = input(view, "title");
        String prefilled = title.path("initial_value").asText();
        assertEquals(200, prefilled.codePointCount(0, prefilled.length()), "cut to the title input's limit");
        assertTrue(prefilled.endsWith("…"), "visibly: " + prefilled);
        assertTrue(firstLine.startsWith(prefilled.substring(0, prefilled.length() - 1)), "the first line that says anything");
        assertEquals(text.strip().replace("&amp;", "&"), input(view, "description").path("initial_value").asText(),
                "the whole message as plain text");
        assertEquals("static_select", serviceElement(view).path("type").asText());

        // AND the message is kept in private_metadata (within Slack's 3,000), its channel never read or written to
        String metadata = view.path("private_metadata").asText();
        assertTrue(metadata.length() <= 3000);
        assertTrue(metadata.contains("C0SUPPORT") && metadata.contains(ts) && metadata.contains(KENJI), metadata);
        assertEquals(List.of(), rig.slack.calls("conversations.history"));
        assertEquals(List.of(), rig.slack.calls("conversations.replies"));
        assertEquals(List.of(), rig.slack.refusals(), "Slack refused nothing");
    }

    @Test
    void submittingTheShortcutsForm_linksTheMessage_onTheTimeline_inTheWarRoom_andOnTheWebPage() {
        rig = new StrictSlackRig(HostileData.all()[0]);
        rig.slack.addChannel("C0SUPPORT", "cs-support", false, false);
        String ts = messageTs(600);
        rig.messageShortcut(StrictSlackRig.USER, "C0SUPPORT", "cs-support", ts, KENJI, "大阪で解錠できない\n問い合わせ急増");

        // WHEN the form is submitted as it opened, with a service chosen
        JsonNode answer = rig.interaction(submitted(lastView(), StrictSlackRig.USER, "unlock"));

        // THEN the incident is declared, and its timeline links the message where it was written (before the declaration)
        assertEquals("", answer.path("body").asText());
        Incident incident = declared("大阪で解錠できない");
        assertEquals("問い合わせ急増", incident.description().lines().skip(1).findFirst().orElse(""));
        TimelineEntry source = sourceEntry(incident.id());
        assertEquals(KENJI, source.actor(), "the message's author");
        assertEquals(Instant.ofEpochSecond(Long.parseLong(ts.substring(0, ts.indexOf('.'))), 1_000_000), source.at());
        String permalink = "https://hikeshi-demo.slack.com/archives/C0SUPPORT/p" + ts.replace(".", "");
        assertEquals(permalink, source.attributes().get("permalink"));
        assertEquals(Map.of("channel", "C0SUPPORT", "ts", ts, "permalink", permalink), source.attributes());

        // AND it reads in both languages, and the web page links it
        assertEquals("#cs-support のメッセージから宣言", TimelineText.render(source, JA));
        assertEquals("Declared from a message in #cs-support", TimelineText.render(source, EN));
        assertEquals("起点のメッセージ", TimelineText.kind(TimelineKind.SOURCE_MESSAGE, JA));
        assertEquals("source message", TimelineText.kind(TimelineKind.SOURCE_MESSAGE, EN));
        assertEquals(List.of(permalink), IncidentView.links(source).stream().map(l -> l.href().orElseThrow()).toList());

        // AND the war room, when built, links it once (every event delivered twice), in the team's language
        rig.runTasks();
        var events = rig.core.storage().outbox().pending(100);
        rig.withWarRoom(incident.id());
        events.forEach(rig.warRoom::on);
        List<String> links = roomLinesLinking(permalink);
        assertEquals(List.of(":link: <@U0ALICE> が、<#C0SUPPORT> で <@U0KENJI> が書いた<" + permalink
                + "|メッセージ>からこのインシデントを宣言しました"), links);
        assertTrue(rig.slack.members(rig.room().channelId()).contains(StrictSlackRig.USER), "the declarer is in the room");

        // AND nothing was posted in, or read from, the message's channel
        assertEquals(List.of(), rig.slack.messages("C0SUPPORT"));
        assertEquals(List.of(), rig.slack.calls("conversations.history").stream()
                .filter(c -> "C0SUPPORT".equals(c.param("channel"))).toList());
        assertEquals(List.of(), rig.slack.refusals(), "Slack refused nothing");
    }

    @Test
    void fromAPrivateConversationTheBotIsNotIn_theMessageIsStillLinked_byChannelAndTs_inEnglish() {
        rig = new StrictSlackRig(HostileData.all()[0]);
        rig.slack.setLocale(BOB, "en-US");
        // GIVEN a private channel the bot cannot see: Slack gives no permalink for its messages
        rig.slack.addChannel("G0SECRET", "secret-ops", true, false);
        String ts = messageTs(120);

        // WHEN Bob (English) declares from a message there
        rig.messageShortcut(BOB, "G0SECRET", "secret-ops", ts, KENJI, "Unlock API returns 503 in Kobe");
        JsonNode view = lastView();
        assertEquals("Declare an incident", view.path("title").path("text").asText());
        assertEquals("Unlock API returns 503 in Kobe", input(view, "title").path("initial_value").asText());
        JsonNode answer = rig.interaction(submitted(view, BOB, "unlock"));

        // THEN the declaration stands, linking the message by its channel and ts, without a permalink
        assertEquals("", answer.path("body").asText());
        Incident incident = declared("Unlock API returns 503 in Kobe");
        TimelineEntry source = sourceEntry(incident.id());
        assertEquals(Map.of("channel", "G0SECRET", "ts", ts), source.attributes());
        assertEquals("Declared from a message in #secret-ops", TimelineText.render(source, EN));
        assertEquals(List.of(), IncidentView.links(source));
        assertEquals(List.of("chat.getPermalink.channel_not_found"),
                rig.slack.refusals().stream().map(r -> r.rule().id()).toList(), "the one refusal: the permalink");

        // AND the war room names the message and its channel, unlinked
        rig.runTasks();
        rig.withWarRoom(incident.id());
        assertTrue(rig.slack.messages(rig.room().channelId()).stream().map(SlackApiStub.Message::text)
                .anyMatch(line -> line.equals(":link: <@U0BOB> が、<#G0SECRET> で <@U0KENJI> が書いたメッセージからこのインシデントを宣言しました")),
                rig.slack.messages(rig.room().channelId()).toString());
    }

    @Test
    void theShortcutsFormSubmittedTwice_declaresOnce_andLinksTheMessageOnce() {
        rig = new StrictSlackRig(HostileData.all()[0]);
        rig.slack.addChannel("C0SUPPORT", "cs-support", false, false);
        rig.messageShortcut(StrictSlackRig.USER, "C0SUPPORT", "cs-support", messageTs(60), KENJI, "決済が二重に");
        ObjectNode submission = submitted(lastView(), StrictSlackRig.USER, "payment-api");

        // WHEN the same form is submitted twice (a double click: the same view, a new request)
        rig.interaction(submission);
        rig.interaction(submission.deepCopy().put("trigger_id", "8095300129731.7721450312.again"));

        // THEN one incident, one link
        List<Incident> open = rig.core.incidents().openIncidents(10);
        assertEquals(1, open.size());
        assertEquals(1, rig.core.storage().incidents().timeline(open.get(0).id(), 100).stream()
                .filter(e -> e.kind() == TimelineKind.SOURCE_MESSAGE).count());
    }

    // ---- helpers ----

    /** A Slack message ts {@code secondsAgo} before the rig's now (people act, and requests are signed, on its clock). */
    private String messageTs(long secondsAgo) {
        return (rig.clock.instant().getEpochSecond() - secondsAgo) + ".001000";
    }

    private JsonNode lastView() {
        List<SlackApiStub.Call> opened = rig.slack.calls("views.open");
        assertFalse(opened.isEmpty(), "views.open was called");
        return json(opened.get(opened.size() - 1).param("view"));
    }

    private static JsonNode input(JsonNode view, String block) {
        for (JsonNode b : view.path("blocks")) {
            if (block.equals(b.path("block_id").asText())) {
                return b.path("element");
            }
        }
        throw new AssertionError("no input " + block + " in " + view);
    }

    private static JsonNode serviceElement(JsonNode view) {
        return input(view, "service");
    }

    private static List<String> values(JsonNode options) {
        List<String> values = new ArrayList<>();
        options.forEach(o -> values.add(o.path("value").asText()));
        return values;
    }

    /** The declare form submitted by {@code user}, opened where {@code metadata} says, with these values. */
    private static ObjectNode declareSubmission(String user, String metadata, String title, Map<String, Object> service) {
        ObjectNode payload = StrictSlackRig.viewSubmission(SlackIds.View.DECLARE.id(), metadata, Map.of(
                "title", Map.of("type", "plain_text_input", "value", title),
                "severity", Map.of("type", "static_select", "selected_option", Map.of("value", "SEV2")),
                "service", service,
                "description", Map.of("type", "plain_text_input", "value", "")));
        ((ObjectNode) payload.path("user")).put("id", user);
        return payload;
    }

    /** The form Slack showed, submitted by {@code user} as it was filled in, with {@code service} chosen. */
    private static ObjectNode submitted(JsonNode view, String user, String service) {
        ObjectNode payload = StrictSlackRig.viewSubmission(SlackIds.View.DECLARE.id(), view.path("private_metadata").asText(),
                Map.of("title", Map.of("type", "plain_text_input", "value", input(view, "title").path("initial_value").asText()),
                        "severity", Map.of("type", "static_select", "selected_option", Map.of("value", "SEV2")),
                        "service", Map.of("type", "static_select", "selected_option", Map.of("value", service)),
                        "description", Map.of("type", "plain_text_input",
                                "value", input(view, "description").path("initial_value").asText())));
        ((ObjectNode) payload.path("user")).put("id", user);
        return payload;
    }

    private Incident declared(String title) {
        return rig.core.incidents().openIncidents(200).stream().filter(i -> i.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no incident titled " + title));
    }

    private TimelineEntry sourceEntry(IncidentId id) {
        List<TimelineEntry> sources = rig.core.storage().incidents().timeline(id, 100).stream()
                .filter(e -> e.kind() == TimelineKind.SOURCE_MESSAGE).toList();
        assertEquals(1, sources.size(), sources.toString());
        return sources.get(0);
    }

    private List<String> roomLinesLinking(String permalink) {
        return rig.slack.messages(rig.room().channelId()).stream().map(SlackApiStub.Message::text)
                .filter(text -> text.contains(permalink)).toList();
    }

    private static JsonNode errors(JsonNode answer) {
        JsonNode body = json(answer.path("body").asText());
        assertEquals("errors", body.path("response_action").asText(), body.toString());
        return body.path("errors");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
