package io.hikeshi.core.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One timeline entry of every kind and variant, as the writers store them, with what people and
 * monitors wrote in either language: the fixture for checking what a reader of each language sees.
 */
public final class TimelineSamples {

    public static final IncidentId INCIDENT = new IncidentId(42);
    public static final Instant T0 = Instant.parse("2026-11-24T03:12:45Z");

    /** Letters of Japanese script (kana, kanji) and its full-width punctuation. */
    public static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]");
    /** A word in Latin letters. */
    public static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]+");

    private TimelineSamples() { }

    /** Every kind, each variant once, in time order. */
    public static List<TimelineEntry> everyKind() {
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(entry(entries, TimelineKind.OPENED, "U0ALICE", TimelineParams.declared(), "決済が失敗している"));
        entries.add(entry(entries, TimelineKind.OPENED, "cloudwatch",
                TimelineParams.openedByAlert("payment-api-5xx-rate", "ALARM"), "Threshold Crossed: 5xx above 5%"));
        entries.add(entry(entries, TimelineKind.ALERT_REPEATED, "cloudwatch", TimelineParams.firedAgain(), "5xx above 7%"));
        entries.add(entry(entries, TimelineKind.ALERT_REPEATED, "cloudwatch", TimelineParams.lateFiring(), "5xx above 6%"));
        entries.add(entry(entries, TimelineKind.ALERT_REPEATED, "cloudwatch", TimelineParams.firedAgainAfterRecovery(), "5xx above 8%"));
        entries.add(entry(entries, TimelineKind.ALERT_REPEATED, "cloudwatch", TimelineParams.groupedIntoStorm("checkout-latency"),
                "p99 above 2s"));
        entries.add(entry(entries, TimelineKind.ALERT_RECOVERED, "cloudwatch",
                TimelineParams.recovered("OK", Status.MITIGATED), "back to normal"));
        entries.add(entry(entries, TimelineKind.ALERT_RECOVERED, "cloudwatch", TimelineParams.recovered("OK", null), "back to normal"));
        entries.add(entry(entries, TimelineKind.ALERT_RECOVERED, "cloudwatch", TimelineParams.alreadyRecovered("OK"), ""));
        entries.add(entry(entries, TimelineKind.ALERT_NOTE, "cloudwatch",
                TimelineParams.lateFiringAfterClose(new IncidentId(41), T0.minusSeconds(600)), ""));
        entries.add(entry(entries, TimelineKind.ALERT_NOTE, "cloudwatch",
                TimelineParams.lateRecoveryIgnored("OK", "ALARM", T0.plusSeconds(60)), ""));
        entries.add(entry(entries, TimelineKind.ALERT_NOTE, "datadog", TimelineParams.acknowledgedTooLate(Status.INVESTIGATING),
                "on it"));
        entries.add(entry(entries, TimelineKind.ALERT_NOTE, "cloudwatch", TimelineParams.alertState("INSUFFICIENT_DATA"),
                "no datapoints"));
        entries.add(entry(entries, TimelineKind.STATUS_CHANGED, "U0ALICE", TimelineParams.statusChanged(Status.ACKNOWLEDGED), ""));
        entries.add(entry(entries, TimelineKind.STATUS_CHANGED, "datadog", TimelineParams.acknowledgedByAlert(), "on it"));
        entries.add(entry(entries, TimelineKind.SEVERITY_CHANGED, "U0ALICE",
                TimelineParams.severityChanged(Severity.SEV2, Severity.SEV1), ""));
        entries.add(entry(entries, TimelineKind.COMMANDER_CHANGED, "U0ALICE", TimelineParams.commanderChanged("U0BOB"), ""));
        entries.add(entry(entries, TimelineKind.ROLE_CHANGED, "U0BOB", TimelineParams.roleChanged("comms", "U0CAROL"), ""));
        entries.add(entry(entries, TimelineKind.STATUS_UPDATE, "U0BOB", TimelineParams.statusUpdate(Status.MITIGATED),
                "v1.4.2 に戻しました"));
        // A pinned message and a note are only what was written: no parameters.
        entries.add(entry(entries, TimelineKind.PINNED_MESSAGE, "U0BOB", Map.of(), "Rolling back to v1.4.2"));
        entries.add(entry(entries, TimelineKind.NOTE, "U0BOB", Map.of(), "ロールバック完了"));
        // What happens to the postmortem: the text is the action item's description.
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB", TimelineParams.postmortemOwner("U0CAROL"), ""));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB", TimelineParams.actionItemAdded(), "Canary deploys"));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB", TimelineParams.actionItemEdited(), "カナリアデプロイ"));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB", TimelineParams.actionItemAssigned("U0CAROL"),
                "Canary deploys"));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB", TimelineParams.actionItemAssigned(null),
                "Canary deploys"));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB",
                TimelineParams.actionItemDue(java.time.LocalDate.of(2026, 12, 1)), "Canary deploys"));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB", TimelineParams.actionItemDue(null), "Canary deploys"));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB", TimelineParams.actionItemDone(true), "Canary deploys"));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB", TimelineParams.actionItemDone(false), "Canary deploys"));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_CHANGED, "U0BOB", TimelineParams.actionItemDeleted(), "Canary deploys"));
        // The message an incident was declared from: its author is the actor, its channel a parameter.
        entries.add(entry(entries, TimelineKind.SOURCE_MESSAGE, "U0KENJI", TimelineParams.sourceMessage(new SourceMessage(
                "C0SUPPORT", "cs-support", "1795403580.001900", java.time.Instant.ofEpochSecond(1795403580L), "U0KENJI",
                "https://hikeshi-demo.slack.com/archives/C0SUPPORT/p1795403580001900")), ""));
        // Whether a postmortem is needed: a person's reason is the text.
        entries.add(entry(entries, TimelineKind.POSTMORTEM_NOT_NEEDED, "U0ALICE", TimelineParams.postmortemNotNeeded(),
                "Known alarm during maintenance"));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_NOT_NEEDED, "hikeshi",
                TimelineParams.noPostmortemByPolicy(Severity.SEV4), ""));
        entries.add(entry(entries, TimelineKind.POSTMORTEM_NOT_NEEDED, "U0BOB", TimelineParams.postmortemNeededAgain(), ""));
        // A response guide's step ticked, and unticked: the step's words are a parameter.
        entries.add(entry(entries, TimelineKind.GUIDE_STEP, "U0ALICE",
                TimelineParams.guideStep("Roll back the deploy / デプロイを戻す", true), ""));
        entries.add(entry(entries, TimelineKind.GUIDE_STEP, "U0BOB",
                TimelineParams.guideStep("Roll back the deploy / デプロイを戻す", false), ""));
        return entries;
    }

    /**
     * What an entry carries that is not Hikeshi's words: who did it, what was written, and the data in
     * its parameters (names, ids, monitor states, severities, times). Its variant and a status are
     * Hikeshi's words, so they are not in here.
     */
    public static List<String> data(TimelineEntry entry) {
        List<String> data = new ArrayList<>(List.of(entry.actor(), entry.text()));
        entry.params().forEach((name, value) -> {
            if (!name.equals(TimelineParams.VARIANT) && !name.equals(TimelineParams.STATUS)) {
                data.add(value);
            }
        });
        return data;
    }

    /** {@code text} with every piece of {@code data} cut out, longest first (so a name inside another goes too). */
    public static String without(String text, List<String> data) {
        String rest = text;
        for (String piece : data.stream().filter(d -> !d.isEmpty())
                .sorted((a, b) -> b.length() - a.length()).toList()) {
            rest = rest.replace(piece, " ");
        }
        return rest;
    }

    /** The next entry of {@code entries}, a second after the one before. */
    private static TimelineEntry entry(List<TimelineEntry> entries, TimelineKind kind, String actor,
                                       Map<String, String> params, String text) {
        int n = entries.size();
        return new TimelineEntry(INCIDENT, "e" + n, T0.plusSeconds(n), kind, actor, params, text, Map.of());
    }
}
