package io.hikeshi.core.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.i18n.Text;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A timeline entry is kept as data and read in the reader's language. */
class TimelineTextTest {

    private static final Messages ENGLISH = Messages.of(Messages.ENGLISH);
    private static final Messages JAPANESE = Messages.of(Messages.JAPANESE);

    private static List<String> render(Messages messages) {
        return TimelineSamples.everyKind().stream().map(e -> TimelineText.render(e, messages)).toList();
    }

    @Test
    void theSamples_coverEveryKind() {
        // GIVEN the samples WHEN their kinds are collected THEN none is left out (a new kind must be added there)
        Set<TimelineKind> covered = TimelineSamples.everyKind().stream().map(TimelineEntry::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TimelineKind.class)));
        assertEquals(EnumSet.allOf(TimelineKind.class), covered);
    }

    @Test
    void everyKind_readsInEnglish() {
        // GIVEN an entry of every kind and variant
        // WHEN an English reader reads them
        List<String> english = render(ENGLISH);

        // THEN each is its English sentence followed by what was written, as written
        assertEquals(List.of(
                "Declared by U0ALICE: 決済が失敗している",
                "Opened by cloudwatch alert payment-api-5xx-rate (ALARM): Threshold Crossed: 5xx above 5%",
                "Alert fired again: 5xx above 7%",
                "Late delivery of an earlier firing: 5xx above 6%",
                "Alert fired again after recovering, back to investigating: 5xx above 8%",
                "checkout-latency grouped (storm): p99 above 2s",
                "Alert recovered (OK) → mitigated: back to normal",
                "Alert recovered (OK): back to normal",
                "The alert had already recovered (OK) when its firing arrived late",
                "Late delivery: the alert had fired at this time; INC-0041 was closed at 2026-11-24T03:02:45Z",
                "Late OK ignored: the alert reported ALARM later, at 2026-11-24T03:13:45Z",
                "Acknowledged in datadog (already investigating): on it",
                "Alert state INSUFFICIENT_DATA: no datapoints",
                "Status → acknowledged",
                "Acknowledged in datadog: on it",
                "Severity SEV2 → SEV1",
                "Commander → U0BOB",
                "Role: communications lead → U0CAROL",
                "[mitigated] v1.4.2 に戻しました",
                "Rolling back to v1.4.2",
                "ロールバック完了",
                "Postmortem owner → U0CAROL",
                "Action item added: Canary deploys",
                "Action item reworded: カナリアデプロイ",
                "Action item assigned to U0CAROL: Canary deploys",
                "Action item unassigned: Canary deploys",
                "Action item due 2026-12-01: Canary deploys",
                "Action item due date cleared: Canary deploys",
                "Action item done: Canary deploys",
                "Action item reopened: Canary deploys",
                "Action item deleted: Canary deploys",
                "Declared from a message in #cs-support",

                "Postmortem not needed, said U0ALICE: Known alarm during maintenance",
                "No postmortem: the team's policy needs none for SEV4 incidents",
                "Postmortem needed again: U0BOB edited it",
                "U0ALICE ticked \"Roll back the deploy / デプロイを戻す\"",
                "U0BOB unticked \"Roll back the deploy / デプロイを戻す\""), english);
    }

    @Test
    void everyKind_readsInJapanese() {
        // GIVEN an entry of every kind and variant
        // WHEN a Japanese reader reads them
        List<String> japanese = render(JAPANESE);

        // THEN each is its Japanese sentence followed by what was written, as written
        assertEquals(List.of(
                "U0ALICE が宣言：決済が失敗している",
                "cloudwatch のアラート payment-api-5xx-rate（ALARM）で発生：Threshold Crossed: 5xx above 5%",
                "アラートが再発：5xx above 7%",
                "以前の発報が遅れて到着：5xx above 6%",
                "回復後にアラートが再発したため調査中に戻しました：5xx above 8%",
                "checkout-latency をアラートストームとしてまとめました：p99 above 2s",
                "アラートが回復（OK）→ 緩和済み：back to normal",
                "アラートが回復（OK）：back to normal",
                "発報が遅れて届いた時点で、アラートはすでに回復していました（OK）",
                "遅れて到着：この時刻にアラートが発報していました。INC-0041 は 2026-11-24T03:02:45Z に終了済みです",
                "遅れて届いた OK を無視：アラートはその後 2026-11-24T03:13:45Z に ALARM を報告しています",
                "datadog で確認（すでに調査中）：on it",
                "アラートの状態 INSUFFICIENT_DATA：no datapoints",
                "ステータス → 確認済み",
                "datadog で確認：on it",
                "重大度 SEV2 → SEV1",
                "指揮官 → U0BOB",
                "役割：広報担当 → U0CAROL",
                "【緩和済み】v1.4.2 に戻しました",
                "Rolling back to v1.4.2",
                "ロールバック完了",
                "ポストモーテムの担当 → U0CAROL",
                "アクションアイテムを追加：Canary deploys",
                "アクションアイテムを修正：カナリアデプロイ",
                "アクションアイテムの担当 → U0CAROL：Canary deploys",
                "アクションアイテムの担当を解除：Canary deploys",
                "アクションアイテムの期限 → 2026-12-01：Canary deploys",
                "アクションアイテムの期限を解除：Canary deploys",
                "アクションアイテムを完了：Canary deploys",
                "アクションアイテムを未完了に戻す：Canary deploys",
                "アクションアイテムを削除：Canary deploys",
                "#cs-support のメッセージから宣言",

                "U0ALICE がポストモーテム不要と判断：Known alarm during maintenance",
                "ポストモーテムなし：チームの方針で SEV4 のインシデントには不要です",
                "U0BOB が編集したため、ポストモーテムが再び必要になりました",
                "U0ALICE が「Roll back the deploy / デプロイを戻す」を完了にしました",
                "U0BOB が「Roll back the deploy / デプロイを戻す」の完了を取り消しました"), japanese);
    }

    @Test
    void aJapaneseReader_seesNoEnglishWordOfOurs() {
        // GIVEN every kind of entry, carrying names, ids, monitor states and English text people wrote
        List<String> leftovers = new ArrayList<>();
        for (TimelineEntry entry : TimelineSamples.everyKind()) {
            // WHEN read in Japanese, with that data cut out
            String ours = TimelineSamples.without(TimelineText.render(entry, JAPANESE), TimelineSamples.data(entry));

            // THEN no Latin word is left: every word of Hikeshi's own (statuses included) is Japanese
            if (TimelineSamples.LATIN_WORD.matcher(ours).find()) {
                leftovers.add(entry.kind() + " " + entry.params() + ": " + ours);
            }
        }
        assertTrue(leftovers.isEmpty(), () -> "English in the Japanese timeline: " + leftovers);
    }

    @Test
    void anEnglishReader_seesNoJapaneseOfOurs() {
        // GIVEN every kind of entry, carrying Japanese text people wrote
        List<String> leftovers = new ArrayList<>();
        for (TimelineEntry entry : TimelineSamples.everyKind()) {
            // WHEN read in English, with that data cut out
            String ours = TimelineSamples.without(TimelineText.render(entry, ENGLISH), TimelineSamples.data(entry));

            // THEN no Japanese script or full-width punctuation is left
            if (TimelineSamples.JAPANESE.matcher(ours).find()) {
                leftovers.add(entry.kind() + ": " + ours);
            }
        }
        assertTrue(leftovers.isEmpty(), () -> "Japanese in the English timeline: " + leftovers);
    }

    @Test
    void anEntryStoredBeforeEntriesHadParameters_showsItsStoredSentence_inEveryLanguage() {
        // GIVEN a row stored as an English sentence, without parameters
        TimelineEntry old = new TimelineEntry(TimelineSamples.INCIDENT, "old", TimelineSamples.T0,
                TimelineKind.SEVERITY_CHANGED, "U0ALICE", "Severity SEV3 → SEV1", Map.of());

        // WHEN read in either language
        // THEN it shows what it was stored with: there is nothing else to read it from
        assertEquals("Severity SEV3 → SEV1", TimelineText.render(old, ENGLISH));
        assertEquals("Severity SEV3 → SEV1", TimelineText.render(old, JAPANESE));
    }

    @Test
    void aSentenceWithoutWrittenText_endsWithoutASeparator() {
        // GIVEN an alert that fired again with an empty summary
        TimelineEntry entry = new TimelineEntry(TimelineSamples.INCIDENT, "e", TimelineSamples.T0,
                TimelineKind.ALERT_REPEATED, "cloudwatch", TimelineParams.firedAgain(), "", Map.of());

        // WHEN read
        // THEN the sentence alone, with no dangling colon
        assertEquals("Alert fired again", TimelineText.render(entry, ENGLISH));
        assertEquals("アラートが再発", TimelineText.render(entry, JAPANESE));
    }

    @Test
    void text_isWordsStillToBeRendered_soASentenceCanCarryAnEntry() {
        // GIVEN a status change, as words not yet rendered
        TimelineEntry entry = new TimelineEntry(TimelineSamples.INCIDENT, "e", TimelineSamples.T0,
                TimelineKind.STATUS_CHANGED, "U0ALICE", TimelineParams.statusChanged(Status.MITIGATED), "", Map.of());
        Text words = TimelineText.text(entry);

        // WHEN put inside another message and rendered
        // THEN it is rendered in that message's language
        assertEquals("ステータス → 緩和済み", JAPANESE.get("timeline.as.written", words));
        assertEquals("Status → mitigated", ENGLISH.get("timeline.as.written", words));
    }

    @Test
    void everyKind_hasANameInBothLanguages() {
        // GIVEN every kind WHEN named THEN each has its own word in each language, never a catalogue key
        for (TimelineKind kind : TimelineKind.values()) {
            String english = TimelineText.kind(kind, ENGLISH);
            String japanese = TimelineText.kind(kind, JAPANESE);
            assertFalse(english.startsWith("timeline."), english);
            assertTrue(TimelineSamples.JAPANESE.matcher(japanese).find(), japanese);
        }
        assertEquals("指揮官変更", TimelineText.kind(TimelineKind.COMMANDER_CHANGED, JAPANESE));
    }
}
