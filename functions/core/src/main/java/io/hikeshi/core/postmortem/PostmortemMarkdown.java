package io.hikeshi.core.postmortem;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A postmortem as one Markdown document, in the order of the Google SRE book's example
 * postmortem: title, metadata, summary, impact, root causes, trigger, resolution, detection,
 * action items, lessons learned, timeline, supporting information (the time-to-X figures).
 *
 * <p>English, or Japanese when the locale's language is {@code ja}. Times are shown in the team's
 * time zone ({@code 2026-11-24 12:12:45 JST}). Empty parts show a marker ({@code _(missing)_} /
 * {@code _（未記入）_}) rather than disappearing, so a draft shows what is left to write. Text is
 * written as the team wrote it: nothing is escaped except {@code |} inside table cells (and line
 * breaks inside a table cell become spaces, since a cell is one line).
 */
public final class PostmortemMarkdown {

    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss zzz", Locale.ENGLISH);
    private static final String DASH = "—";

    private PostmortemMarkdown() {
    }

    /**
     * Renders {@code pm} for {@code incident}.
     *
     * @param timeline every entry of the incident's timeline (all are shown: this is the record),
     *                 in any order; shown by time
     * @param missing  what the checklist still lacks ({@link PostmortemChecklist#missing}); null to
     *                 work it out here. Decides the status shown (draft while anything is missing)
     * @param locale   Japanese headings for {@code ja}, English otherwise
     * @param zone     the team's time zone, for every time shown
     */
    public static String render(Postmortem pm, Incident incident, List<TimelineEntry> timeline,
                                List<PostmortemChecklist.Missing> missing, Locale locale, ZoneId zone) {
        Objects.requireNonNull(pm, "postmortem");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(zone, "zone");
        if (!pm.incident().equals(incident.id())) {
            throw new IllegalArgumentException("postmortem of " + pm.incident() + " rendered with incident " + incident.id());
        }
        Words w = locale != null && "ja".equals(locale.getLanguage()) ? Words.JA : Words.EN;
        List<PostmortemChecklist.Missing> lacking = missing == null ? PostmortemChecklist.missing(pm) : missing;
        StringBuilder md = new StringBuilder();

        md.append("# ").append(oneLine(pm.title())).append(" — ").append(w.postmortem)
                .append(" (").append(incident.id()).append(")\n\n");

        md.append("| | |\n|---|---|\n");
        meta(md, w.date, date(pm.date(), w));
        meta(md, w.authors, pm.authors().isEmpty() ? w.missing : String.join(", ", pm.authors().stream().map(PostmortemMarkdown::user).toList()));
        meta(md, w.status, w.status(status(pm, lacking)));
        meta(md, w.owner, blank(pm.owner()) ? w.missing : user(pm.owner()));
        meta(md, w.due, date(pm.due(), w));
        meta(md, w.severity, incident.severity().name());
        meta(md, w.service, incident.service());
        md.append('\n');

        if (!pm.isComplete() && !lacking.isEmpty()) {
            md.append("> **").append(w.missingBeforeReview).append("** ")
                    .append(String.join(w.listSeparator, lacking.stream().map(w::missingItem).toList())).append("\n\n");
        }

        section(md, w.summary, pm.summary(), w);
        section(md, w.impact, pm.impact(), w);
        section(md, w.rootCauses, pm.rootCauses(), w);
        section(md, w.trigger, pm.trigger(), w);
        section(md, w.resolution, pm.resolution(), w);
        section(md, w.detection, pm.detection(), w);

        md.append("## ").append(w.actionItems).append("\n\n");
        if (pm.actionItems().isEmpty()) {
            md.append(w.missing).append("\n\n");
        } else {
            md.append("| ").append(String.join(" | ", w.actionItemColumns)).append(" |\n|---|---|---|---|---|\n");
            for (ActionItem item : pm.actionItems()) {
                md.append("| ").append(cell((item.done() ? "✅ " : "") + item.description()))
                        .append(" | ").append(w.type(item.type()))
                        .append(" | ").append(blank(item.owner()) ? w.missing : cell(user(item.owner())))
                        .append(" | ").append(date(item.due(), w))
                        .append(" | ").append(blank(item.trackingLink()) ? DASH : cell(item.trackingLink()))
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## ").append(w.lessonsLearned).append("\n\n");
        subsection(md, w.wentWell, pm.wentWell(), w);
        subsection(md, w.wentWrong, pm.wentWrong(), w);
        subsection(md, w.gotLucky, pm.gotLucky(), w);

        md.append("## ").append(w.timeline).append("\n\n");
        List<TimelineEntry> entries = new ArrayList<>(timeline == null ? List.of() : timeline);
        entries.sort(Comparator.comparing(TimelineEntry::at)); // stable: entries at the same instant keep their order
        if (entries.isEmpty()) {
            md.append(w.missing).append("\n\n");
        } else {
            for (TimelineEntry e : entries) {
                md.append("- ").append(time(e.at(), zone)).append(" — ").append(w.kind(e.kind())).append(" — ")
                        .append(listItem(entryText(e, w)));
                md.append('\n');
            }
            md.append('\n');
        }

        md.append("## ").append(w.supporting).append("\n\n");
        md.append("| ").append(String.join(" | ", w.figureColumns)).append(" |\n|---|---|---|\n");
        figure(md, w.detected, incident.detectedAt(), null, zone, w);
        figure(md, w.acknowledged, incident.acknowledgedAt(), incident.timeToAcknowledge().orElse(null), zone, w);
        figure(md, w.mitigated, incident.mitigatedAt(), incident.timeToMitigate().orElse(null), zone, w);
        figure(md, w.resolved, incident.resolvedAt(), incident.timeToResolve().orElse(null), zone, w);
        return md.toString();
    }

    private static Postmortem.Status status(Postmortem pm, List<PostmortemChecklist.Missing> missing) {
        if (pm.isComplete()) {
            return Postmortem.Status.COMPLETE;
        }
        return missing.isEmpty() ? Postmortem.Status.IN_REVIEW : Postmortem.Status.DRAFT;
    }

    private static void meta(StringBuilder md, String label, String value) {
        md.append("| **").append(label).append("** | ").append(cell(value)).append(" |\n");
    }

    private static void section(StringBuilder md, String heading, String text, Words w) {
        md.append("## ").append(heading).append("\n\n").append(blank(text) ? w.missing : text.strip()).append("\n\n");
    }

    private static void subsection(StringBuilder md, String heading, String text, Words w) {
        md.append("### ").append(heading).append("\n\n").append(blank(text) ? w.missing : text.strip()).append("\n\n");
    }

    private static void figure(StringBuilder md, String label, Instant at, Duration since, ZoneId zone, Words w) {
        md.append("| ").append(label).append(" | ").append(at == null ? DASH : time(at, zone))
                .append(" | ").append(since == null ? DASH : w.minutes(since.toMinutes())).append(" |\n");
    }

    /** A pinned message says who wrote it and links to it; every other entry is its words in the reader's language. */
    private static String entryText(TimelineEntry e, Words w) {
        String text = TimelineText.render(e, Messages.of(w.japanese ? Messages.JAPANESE : Messages.ENGLISH)).strip();
        if (e.kind() != TimelineKind.PINNED_MESSAGE) {
            return text;
        }
        StringBuilder s = new StringBuilder();
        if (!blank(e.actor())) {
            s.append(user(e.actor())).append(": ");
        }
        s.append(text);
        String permalink = e.attributes().get("permalink");
        if (!blank(permalink)) {
            s.append(" ([").append(w.permalink).append("](").append(permalink.strip()).append("))");
        }
        return s.toString();
    }

    /** Continuation lines indented, so a multi-line text stays inside its list item. */
    private static String listItem(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\n  ");
    }

    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    private static String date(LocalDate date, Words w) {
        return date == null ? w.missing : date.toString();
    }

    /** A Slack user id as a mention ({@code @U0ALICE}); anything else (a bot, "cloudwatch") as it is. */
    static String user(String id) {
        String s = id.strip();
        return SLACK_USER.matcher(s).matches() ? "@" + s : s;
    }

    /** One table cell: {@code |} escaped, line breaks made spaces. */
    static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The words of one language. */
    private record Words(String postmortem, String missing, String date, String authors, String status, String owner,
                         String due, String severity, String service, String missingBeforeReview, String listSeparator,
                         String summary, String impact, String rootCauses, String trigger, String resolution,
                         String detection, String actionItems, List<String> actionItemColumns, String lessonsLearned,
                         String wentWell, String wentWrong, String gotLucky, String timeline, String permalink,
                         String supporting, List<String> figureColumns, String detected, String acknowledged,
                         String mitigated, String resolved, boolean japanese) {

        static final Words EN = new Words("Postmortem", "_(missing)_", "Date", "Authors", "Status", "Owner", "Due",
                "Severity", "Service", "Missing before review:", ", ", "Summary", "Impact", "Root Causes", "Trigger",
                "Resolution", "Detection", "Action Items", List.of("Action Item", "Type", "Owner", "Due", "Tracking"),
                "Lessons Learned", "What went well", "What went wrong", "Where we got lucky", "Timeline", "message",
                "Supporting information", List.of("Milestone", "Time", "Since detection"), "Detected", "Acknowledged",
                "Mitigated", "Resolved", false);

        static final Words JA = new Words("ポストモーテム", "_（未記入）_", "日付", "作成者", "ステータス", "オーナー", "期限",
                "重大度", "サービス", "レビュー前に未記入：", "、", "概要", "影響", "根本原因", "トリガー",
                "解決", "検知", "アクションアイテム", List.of("アクションアイテム", "種別", "担当", "期限", "チケット"),
                "教訓", "うまくいったこと", "うまくいかなかったこと", "運がよかったこと", "タイムライン", "メッセージ",
                "補足情報", List.of("マイルストーン", "時刻", "検知から"), "検知", "確認", "緩和", "解決", true);

        String status(Postmortem.Status s) {
            return switch (s) {
                case DRAFT -> japanese ? "下書き" : "draft";
                case IN_REVIEW -> japanese ? "レビュー中" : "in review";
                case COMPLETE -> japanese ? "完了" : "complete";
            };
        }

        String type(ActionItem.Type t) {
            return switch (t) {
                case MITIGATE -> japanese ? "緩和" : "mitigate";
                case PREVENT -> japanese ? "再発防止" : "prevent";
                case PROCESS -> japanese ? "プロセス" : "process";
                case OTHER -> japanese ? "その他" : "other";
            };
        }

        String kind(TimelineKind k) {
            return switch (k) {
                case OPENED -> japanese ? "発生" : "opened";
                case ALERT_REPEATED -> japanese ? "アラート再発" : "alert repeated";
                case ALERT_RECOVERED -> japanese ? "アラート回復" : "alert recovered";
                case ALERT_NOTE -> japanese ? "アラート" : "alert";
                case STATUS_CHANGED -> japanese ? "ステータス変更" : "status changed";
                case SEVERITY_CHANGED -> japanese ? "重大度変更" : "severity changed";
                case COMMANDER_CHANGED -> japanese ? "指揮者変更" : "commander changed";
                case STATUS_UPDATE -> japanese ? "状況報告" : "status update";
                case PINNED_MESSAGE -> japanese ? "ピン留め" : "pinned message";
                case NOTE -> japanese ? "メモ" : "note";
            };
        }

        String minutes(long minutes) {
            return japanese ? minutes + " 分" : minutes + " min";
        }

        /** One checklist item in words. */
        String missingItem(PostmortemChecklist.Missing m) {
            String key = m.key() == null ? "" : m.key();
            String detail = m.detail() == null ? "" : oneLine(m.detail());
            return switch (key) {
                case "section.summary" -> summary;
                case "section.impact" -> impact;
                case "section.root_causes" -> rootCauses;
                case "section.trigger" -> trigger;
                case "section.resolution" -> resolution;
                case "section.detection" -> detection;
                case "section.went_well" -> wentWell;
                case "section.went_wrong" -> wentWrong;
                case "section.got_lucky" -> gotLucky;
                case "owner" -> owner;
                case "action.items" -> actionItems;
                case "action.prevent" -> japanese ? "再発防止のアクションアイテム" : "a prevent action item";
                case "action.unassigned" -> japanese ? "「" + detail + "」の担当と期限" : "owner and due date of “" + detail + "”";
                default -> detail.isEmpty() ? key : key + " (" + detail + ")";
            };
        }
    }
}
