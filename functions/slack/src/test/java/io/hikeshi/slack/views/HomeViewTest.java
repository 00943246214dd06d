package io.hikeshi.slack.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.view.View;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Assignments;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.slackstub.SlackApiStub;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Home tab at its worst: 150 of everything, every line as long as escaping can make it ({@code &} becomes five
 * characters). It stays within a Home tab's 100 blocks and each text's 3,000 characters, as the strict stub checks
 * through the real SDK, and each list says how many it left out.
 */
class HomeViewTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final Instant DETECTED = Instant.parse("2026-11-24T03:12:45Z");

    private static HomeView.Content everythingAtItsLongest() {
        List<Incident> open = IntStream.rangeClosed(1, 150).mapToObj(n -> Incident.open(new IncidentId(n), "&".repeat(200),
                Severity.SEV1, "&".repeat(5000), null, null, DETECTED)).toList();
        Map<IncidentId, String> rooms = Map.of(new IncidentId(1), "C0WARROOM");
        List<Assignments.Owned> owned = IntStream.rangeClosed(1, 150).mapToObj(n -> new Assignments.Owned(
                new Postmortem(new IncidentId(n), "&".repeat(3000), DAY, List.of(), "U0ALICE", DAY, null, null, null, null,
                        null, null, List.of(), null, null, null, null, null, 1), n % 2 == 0)).toList();
        List<Assignments.Assigned> held = IntStream.rangeClosed(1, 150).mapToObj(n -> new Assignments.Assigned(
                new IncidentId(n), new ActionItem("i" + n, "<".repeat(3000), ActionItem.Type.PREVENT, "U0ALICE",
                        n % 3 == 0 ? null : DAY, null, false), n % 2 == 0)).toList();
        return new HomeView.Content(open, rooms, new Assignments(owned, held));
    }

    private static List<String> sectionTexts(View view) {
        return view.getBlocks().stream().filter(SectionBlock.class::isInstance)
                .map(b -> ((SectionBlock) b).getText().getText()).toList();
    }

    @Test
    void hundredsOfTheLongestLines_fitAHomeTab_andEachListSaysHowManyMore() throws Exception {
        // GIVEN 150 open incidents, postmortems and action items, every line escaped to its longest
        HomeView.Content content = everythingAtItsLongest();

        for (Messages m : List.of(Messages.of(Messages.JAPANESE), Messages.of(Messages.ENGLISH))) {
            // WHEN the tab is drawn and published to a Slack as strict as Slack
            View view = HomeView.of(m, content);
            try (SlackApiStub slack = SlackApiStub.start()) {
                SlackConfig config = new SlackConfig();
                config.setMethodsEndpointUrlPrefix(slack.methodsUrlPrefix());
                var published = Slack.getInstance(config).methods("xoxb-home").viewsPublish(r -> r.userId("U0ALICE").view(view));

                // THEN Slack took it: within 100 blocks and every text within 3,000; the lists say how many more
                assertTrue(published.isOk(), published.getError() + " " + slack.enforcements());
            }
            List<LayoutBlock> blocks = view.getBlocks();
            assertTrue(blocks.size() <= SlackLimits.VIEW_BLOCKS, "blocks: " + blocks.size());
            List<String> texts = sectionTexts(view);
            texts.forEach(text -> assertTrue(SlackLimits.length(text) <= SlackLimits.SECTION_TEXT));
            String all = String.join("\n", texts);
            assertEquals(150, shownAndLeftOut(view, m, "home.header", "home.more", "*INC-"), "incidents");
            assertEquals(150, shownAndLeftOut(view, m, "home.pm.header", "home.pm.more", "*INC-"), "postmortems");
            assertEquals(150, shownAndLeftOut(view, m, "home.items.header", "home.items.more", "• "), "action items");
            assertTrue(all.contains("<#C0WARROOM>"), "the war room linked");
            String detected = Mrkdwn.when(DETECTED).mrkdwn();
            assertEquals(0, all.chars().filter(c -> c == '<').count() - count(all, "<#C0WARROOM>") - count(all, detected),
                    "nothing but the war room link and whole dates is markup");
        }
    }

    @Test
    void anIncidentsDetection_isASlackDate_whichEachReaderSeesInTheirOwnTimeZone() {
        // GIVEN an open incident detected at 03:12 UTC (12:12 in Tokyo, 04:12 in Paris)
        Incident open = Incident.open(new IncidentId(7), "Checkout is slow", Severity.SEV2, "payment-api", null, null,
                DETECTED);
        HomeView.Content content = new HomeView.Content(List.of(open), Map.of(), new Assignments(List.of(), List.of()));

        for (Messages m : List.of(Messages.of(Messages.JAPANESE), Messages.of(Messages.ENGLISH))) {
            // WHEN the tab is drawn
            String all = String.join("\n", sectionTexts(HomeView.of(m, content)));

            // THEN the line carries Slack's date token for that moment (Slack renders it in the reader's zone and
            // language), with the UTC minute for clients that cannot, and no fixed zone's clock time
            assertTrue(all.contains("<!date^" + DETECTED.getEpochSecond() + "^{date_short_pretty} {time}|2026-11-24T03:12:00Z>"),
                    all);
            assertFalse(all.contains("12:12"), all);
        }
    }

    /**
     * The lines a list showed (those starting with {@code linePrefix}, under its header) and how many its "more" line
     * says it left out, added up; the "more" line must be there.
     */
    static int shownAndLeftOut(View view, Messages m, String header, String moreKey, String linePrefix) {
        List<String> lines = new java.util.ArrayList<>();
        boolean inList = false;
        for (LayoutBlock block : view.getBlocks()) {
            if (block instanceof com.slack.api.model.block.HeaderBlock h) {
                inList = h.getText().getText().equals(m.get(header));
            } else if (inList && block instanceof SectionBlock section) {
                lines.addAll(List.of(section.getText().getText().split("\n")));
            }
        }
        String[] around = Mrkdwn.text(m, moreKey, 987_654).split("987654");
        String more = lines.getLast();
        assertTrue(more.startsWith(around[0]) && more.endsWith(around[1]), "the last line says how many more: " + more);
        int leftOut = Integer.parseInt(more.substring(around[0].length(), more.length() - around[1].length()));
        return (int) lines.stream().filter(line -> line.startsWith(linePrefix)).count() + leftOut;
    }

    private static long count(String text, String part) {
        return (text.length() - text.replace(part, "").length()) / part.length();
    }
}
