package io.hikeshi.core.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineSamples;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostmortemMarkdownTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final IncidentId INC = new IncidentId(42);
    static final Instant DETECTED = Instant.parse("2026-11-24T03:12:45Z");

    static final Incident INCIDENT = new Incident(INC, "Payment API returns 5xx", Severity.SEV2, Status.RESOLVED,
            "payment-api", "U0ALICE", "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:payment-api-5xx-rate", null,
            DETECTED, Instant.parse("2026-11-24T03:15:00Z"), Instant.parse("2026-11-24T03:40:45Z"),
            Instant.parse("2026-11-24T03:57:45Z"), 3, 7);

    static final List<TimelineEntry> TIMELINE = List.of(
            // deliberately out of order: a late delivery lands in its place
            entry("e3", "2026-11-24T03:20:03Z", TimelineKind.PINNED_MESSAGE, "U0BOB", "Rolling back to v1.4.2",
                    Map.of("permalink", "https://hikeshi-demo.slack.com/archives/C0WARROOM/p1795403600000200",
                            "pinnedBy", "U0ALICE", "channel", "C0WARROOM")),
            entry("e1", "2026-11-24T03:12:45Z", TimelineKind.OPENED, "cloudwatch", "payment-api-5xx-rate OK → ALARM", Map.of()),
            entry("e2", "2026-11-24T03:15:00Z", TimelineKind.STATUS_CHANGED, "U0ALICE", "Status → acknowledged", Map.of()),
            entry("e4", "2026-11-24T03:40:45Z", TimelineKind.STATUS_UPDATE, "U0ALICE", "[mitigated] error rate back to normal", Map.of()),
            entry("e5", "2026-11-24T03:57:45Z", TimelineKind.NOTE, "U0BOB", "Line one\nline two", Map.of()));

    static Postmortem full() {
        return new Postmortem(INC, "Payment API returns 5xx", LocalDate.parse("2026-11-25"), List.of("U0ALICE", "U0BOB"),
                "U0ALICE", LocalDate.parse("2026-12-01"),
                "Checkout failed for 45 minutes after a config push.",
                "About 12% of payments failed between 12:12 and 12:57 JST.",
                "The connection pool size was set to 0 by a typo in the config.",
                "Config push v1.4.3 at 12:10 JST.",
                "Rolled back to v1.4.2.",
                "CloudWatch alarm payment-api-5xx-rate.",
                List.of(new ActionItem("a1", "Validate pool size in CI", ActionItem.Type.PREVENT, "U0BOB",
                                LocalDate.parse("2026-12-08"), "https://tracker.example/PAY-101", false),
                        new ActionItem("a2", "Roll back faster", ActionItem.Type.MITIGATE, "U0ALICE",
                                LocalDate.parse("2026-11-28"), null, true)),
                "The alarm fired within a minute.", "The rollback runbook was out of date.",
                "It happened outside the sale campaign.", null, null, 3);
    }

    @Test
    void rendersAFullPostmortemInEnglishInTheSreBookOrder() {
        Postmortem pm = full();
        String md = PostmortemMarkdown.render(pm, INCIDENT, TIMELINE, PostmortemChecklist.missing(pm), Locale.ENGLISH, TOKYO);

        assertTrue(md.startsWith("# Payment API returns 5xx — Postmortem (INC-0042)\n"), md);
        assertInOrder(md, "| **Date** | 2026-11-25 |", "| **Authors** | @U0ALICE, @U0BOB |", "| **Status** | in review |",
                "| **Owner** | @U0ALICE |", "| **Due** | 2026-12-01 |", "| **Severity** | SEV2 |", "| **Service** | payment-api |",
                "## Summary\n\nCheckout failed", "## Impact\n\nAbout 12%", "## Root Causes\n\nThe connection pool",
                "## Trigger\n\nConfig push", "## Resolution\n\nRolled back", "## Detection\n\nCloudWatch alarm",
                "## Action Items", "## Lessons Learned", "### What went well\n\nThe alarm fired",
                "### What went wrong\n\nThe rollback runbook", "### Where we got lucky\n\nIt happened outside",
                "## Timeline", "## Supporting information");

        assertTrue(md.contains("| Action Item | Type | Owner | Due | Tracking |\n|---|---|---|---|---|\n"), md);
        assertTrue(md.contains("| Validate pool size in CI | prevent | @U0BOB | 2026-12-08 | https://tracker.example/PAY-101 |\n"), md);
        assertTrue(md.contains("| ✅ Roll back faster | mitigate | @U0ALICE | 2026-11-28 | — |\n"), md);

        // every entry, by time, in JST; the pinned message with its author and permalink
        assertInOrder(md,
                "- 2026-11-24 12:12:45 JST — opened — payment-api-5xx-rate OK → ALARM\n",
                "- 2026-11-24 12:15:00 JST — status changed — Status → acknowledged\n",
                "- 2026-11-24 12:20:03 JST — pinned message — @U0BOB: Rolling back to v1.4.2 "
                        + "([message](https://hikeshi-demo.slack.com/archives/C0WARROOM/p1795403600000200))\n",
                "- 2026-11-24 12:40:45 JST — status update — [mitigated] error rate back to normal\n",
                "- 2026-11-24 12:57:45 JST — note — Line one\n  line two\n");
        assertEquals(TIMELINE.size(), md.lines().filter(l -> l.startsWith("- 2026-")).count(), "nothing skipped");

        assertTrue(md.contains("| Milestone | Time | Since detection |\n|---|---|---|\n"
                + "| Detected | 2026-11-24 12:12:45 JST | — |\n"
                + "| Acknowledged | 2026-11-24 12:15:00 JST | 2 min |\n"
                + "| Mitigated | 2026-11-24 12:40:45 JST | 28 min |\n"
                + "| Resolved | 2026-11-24 12:57:45 JST | 45 min |\n"), md);
        assertTrue(md.endsWith("| Resolved | 2026-11-24 12:57:45 JST | 45 min |\n"), "supporting information comes last");
        assertFalse(md.contains("_(missing)_"), md);
        assertFalse(md.contains("Missing before review"), md);
    }

    @Test
    void rendersAFullPostmortemInJapanese() {
        Postmortem pm = full().completed("U0ALICE", Instant.parse("2026-11-30T05:00:00Z"));
        String md = PostmortemMarkdown.render(pm, INCIDENT, TIMELINE, List.of(), Locale.JAPANESE, TOKYO);

        assertTrue(md.startsWith("# Payment API returns 5xx — ポストモーテム (INC-0042)\n"), md);
        assertInOrder(md, "| **日付** | 2026-11-25 |", "| **作成者** | @U0ALICE, @U0BOB |", "| **ステータス** | 完了 |",
                "| **オーナー** | @U0ALICE |", "| **期限** | 2026-12-01 |", "| **重大度** | SEV2 |", "| **サービス** | payment-api |",
                "## 概要\n", "## 影響\n", "## 根本原因\n", "## トリガー\n", "## 解決\n", "## 検知\n", "## アクションアイテム\n",
                "## 教訓\n", "### うまくいったこと\n", "### うまくいかなかったこと\n", "### 運がよかったこと\n",
                "## タイムライン\n", "## 補足情報\n");
        assertTrue(md.contains("| アクションアイテム | 種別 | 担当 | 期限 | チケット |\n"), md);
        assertTrue(md.contains("| Validate pool size in CI | 再発防止 | @U0BOB | 2026-12-08 | https://tracker.example/PAY-101 |\n"), md);
        assertTrue(md.contains("| ✅ Roll back faster | 影響緩和 | @U0ALICE | 2026-11-28 | — |\n"), md);
        assertTrue(md.contains("- 2026-11-24 12:20:03 JST — ピン留め — @U0BOB: Rolling back to v1.4.2 "
                + "([メッセージ](https://hikeshi-demo.slack.com/archives/C0WARROOM/p1795403600000200))\n"), md);
        assertTrue(md.contains("- 2026-11-24 12:12:45 JST — 発生 — payment-api-5xx-rate OK → ALARM\n"), md);
        assertTrue(md.contains("| 確認 | 2026-11-24 12:15:00 JST | 2 分 |\n| 緩和 | 2026-11-24 12:40:45 JST | 28 分 |\n"
                + "| 解決 | 2026-11-24 12:57:45 JST | 45 分 |\n"), md);
        assertFalse(md.contains("未記入"), md);
    }

    @Test
    void aDraftShowsWhatIsMissing() {
        Incident open = new Incident(INC, "Payment API returns 5xx", Severity.SEV2, Status.ACKNOWLEDGED, "payment-api",
                null, null, null, DETECTED, Instant.parse("2026-11-24T03:15:00Z"), null, null, 0, 2);
        Postmortem draft = new Postmortem(INC, "Payment API returns 5xx", null, List.of(), null, null,
                "Checkout failed.", null, " ", null, null, null,
                List.of(new ActionItem("a1", "Roll back faster", ActionItem.Type.MITIGATE, null, null, null, false)),
                null, null, null, null, null, 0);
        List<PostmortemChecklist.Missing> missing = PostmortemChecklist.missing(draft);

        String en = PostmortemMarkdown.render(draft, open, List.of(), missing, Locale.ENGLISH, TOKYO);
        assertTrue(en.contains("| **Status** | draft |"), en);
        assertTrue(en.contains("| **Owner** | _(missing)_ |"), en);
        assertTrue(en.contains("| **Authors** | _(missing)_ |"), en);
        assertTrue(en.contains("## Summary\n\nCheckout failed.\n"), en);
        assertTrue(en.contains("## Impact\n\n_(missing)_\n"), en);
        assertTrue(en.contains("## Root Causes\n\n_(missing)_\n"), "blank is missing: " + en);
        assertTrue(en.contains("### Where we got lucky\n\n_(missing)_\n"), en);
        assertTrue(en.contains("| Roll back faster | mitigate | _(missing)_ | _(missing)_ | — |"), en);
        assertTrue(en.contains("## Timeline\n\n_(missing)_\n"), en);
        assertTrue(en.contains("> **Missing before review:** Impact, Root Causes, Trigger, Resolution, Detection, "
                + "What went well, What went wrong, Owner, a prevent action item, owner and due date of “Roll back faster”\n"), en);
        assertTrue(en.contains("| Acknowledged | 2026-11-24 12:15:00 JST | 2 min |\n| Mitigated | — | — |\n| Resolved | — | — |\n"), en);

        String ja = PostmortemMarkdown.render(draft, open, List.of(), missing, Locale.forLanguageTag("ja-JP"), TOKYO);
        assertTrue(ja.contains("| **ステータス** | 下書き |"), ja);
        assertTrue(ja.contains("## 影響\n\n_（未記入）_\n"), ja);
        assertTrue(ja.contains("| **オーナー** | _（未記入）_ |"), ja);
        assertTrue(ja.contains("「Roll back faster」の担当と期限"), ja);
    }

    @Test
    void aPipeInATableCellIsEscaped_theirMarkdownIsKept_andHtmlIsShownAsText() {
        Postmortem pm = full().withActionItems(List.of(new ActionItem("a1", "Alert on 5xx | 4xx ratio > 1% <b>_now_</b>",
                ActionItem.Type.PREVENT, "U0BOB", LocalDate.parse("2026-12-08"), "https://t.example/?q=a|b", false)))
                .withSection(Postmortem.Section.SUMMARY, "Errors | timeouts *everywhere* <b>");
        String md = PostmortemMarkdown.render(pm, INCIDENT, TIMELINE, null, Locale.ENGLISH, TOKYO);

        assertTrue(md.contains("| Alert on 5xx \\| 4xx ratio > 1% \\<b>_now_\\</b> | prevent | @U0BOB | 2026-12-08 | https://t.example/?q=a\\|b |\n"), md);
        assertTrue(md.contains("## Summary\n\nErrors | timeouts *everywhere* \\<b>\n"), "not a table cell: as written, HTML as text\n" + md);
    }

    @Test
    void aServiceWithAPipeIsEscapedInTheMetadataTable() {
        Incident odd = new Incident(INC, "x", Severity.SEV3, Status.RESOLVED, "search|suggest", null, null, null,
                DETECTED, null, null, DETECTED.plusSeconds(600), 0, 1);
        String md = PostmortemMarkdown.render(full(), odd, List.of(), List.of(), Locale.ENGLISH, TOKYO);
        assertTrue(md.contains("| **Service** | search\\|suggest |"), md);
        assertTrue(md.contains("| Acknowledged | — | — |\n| Mitigated | — | — |\n| Resolved | 2026-11-24 12:22:45 JST | 10 min |"), md);
    }

    @Test
    void refusesAnotherIncident() {
        Incident other = new Incident(new IncidentId(43), "x", Severity.SEV3, Status.RESOLVED, "search", null, null, null,
                DETECTED, null, null, null, 0, 1);
        assertThrows(IllegalArgumentException.class,
                () -> PostmortemMarkdown.render(full(), other, List.of(), List.of(), Locale.ENGLISH, TOKYO));
    }

    @Test
    void theJapaneseExport_hasNoEnglishWordOfOurs() {
        // GIVEN a draft (every checklist word in play) and a complete postmortem, with a timeline of every kind
        for (Postmortem pm : List.of(draftWithEveryGap(), full())) {
            // WHEN exported in Japanese, with what people wrote and the data (ids, names, times) cut out
            String md = PostmortemMarkdown.render(pm, INCIDENT, TimelineSamples.everyKind(), null, Locale.JAPANESE, TOKYO);
            String ours = TimelineSamples.without(md, written(pm));

            // THEN no Latin word is left: headings, labels, statuses, types, the timeline and figures are Japanese
            assertFalse(TimelineSamples.LATIN_WORD.matcher(ours).find(), ours);
        }
    }

    @Test
    void theEnglishExport_hasNoJapaneseOfOurs() {
        // GIVEN the same postmortems, and a timeline where people wrote in Japanese
        for (Postmortem pm : List.of(draftWithEveryGap(), full())) {
            // WHEN exported in English, with what people wrote cut out
            String md = PostmortemMarkdown.render(pm, INCIDENT, TimelineSamples.everyKind(), null, Locale.ENGLISH, TOKYO);
            String ours = TimelineSamples.without(md, written(pm));

            // THEN no Japanese script or full-width punctuation is left
            assertFalse(TimelineSamples.JAPANESE.matcher(ours).find(), ours);
        }
    }

    @Test
    void theCommander_isCalled指揮官_inTheJapaneseExport() {
        // GIVEN a timeline where command changed hands
        // WHEN exported in Japanese
        String md = PostmortemMarkdown.render(full(), INCIDENT, TimelineSamples.everyKind(), null, Locale.JAPANESE, TOKYO);

        // THEN the kind and the sentence both say 指揮官, the word used everywhere else
        assertTrue(md.contains(" — 指揮官変更 — 指揮官 → U0BOB\n"), md);
        assertFalse(md.contains("指揮者"), md);
    }

    /** Nothing filled in but one unassigned action item: every item of the checklist is missing. */
    private static Postmortem draftWithEveryGap() {
        return new Postmortem(INC, "Payment API returns 5xx", null, List.of(), null, null, null, null, null, null, null,
                null, List.of(new ActionItem("a1", "Roll back faster", ActionItem.Type.OTHER, null, null, null, false),
                        new ActionItem("a2", "Write the runbook", ActionItem.Type.PROCESS, "U0BOB", null, null, false)),
                null, null, null, null, null, 0);
    }

    /** What people wrote in {@code pm} and the data around it (ids, names, times, links): not the export's own words. */
    private static List<String> written(Postmortem pm) {
        List<String> written = new ArrayList<>(List.of(pm.title(), INC.toString(), INCIDENT.service(),
                INCIDENT.severity().name()));
        for (Postmortem.Section s : Postmortem.Section.values()) {
            written.add(pm.section(s) == null ? "" : pm.section(s).strip());
        }
        pm.authors().forEach(a -> written.add("@" + a));
        for (ActionItem item : pm.actionItems()) {
            written.addAll(List.of(item.description(), item.owner() == null ? "" : "@" + item.owner(),
                    item.trackingLink() == null ? "" : item.trackingLink()));
        }
        TimelineSamples.everyKind().forEach(e -> written.addAll(TimelineSamples.data(e)));
        TimelineSamples.everyKind().forEach(e -> written.add("@" + e.actor()));
        // times are shown in the team's zone, named as the zone names itself (JST)
        written.addAll(TIMES.matcher(PostmortemMarkdown.render(pm, INCIDENT, TimelineSamples.everyKind(), null,
                Locale.ENGLISH, TOKYO)).results().map(r -> r.group()).toList());
        return written;
    }

    private static final java.util.regex.Pattern TIMES =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [A-Z]+");

    private static TimelineEntry entry(String id, String at, TimelineKind kind, String actor, String text,
                                       Map<String, String> attributes) {
        return new TimelineEntry(INC, id, Instant.parse(at), kind, actor, text, attributes);
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, "expected after offset " + from + ": " + part + "\n---\n" + text);
            from = at + part.length();
        }
    }
}
