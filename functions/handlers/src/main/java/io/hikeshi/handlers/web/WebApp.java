package io.hikeshi.handlers.web;

import static io.hikeshi.handlers.web.Html.esc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemChecklist;
import io.hikeshi.core.postmortem.PostmortemMarkdown;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.store.Storage;
import io.hikeshi.handlers.api.IncidentJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The read-only incident web page: the list (filters, search, paging), an incident with its
 * timeline and postmortem, the metrics (charts), and the JSON/CSV export. Served by the web
 * function in AWS and by local mode, from the same code.
 *
 * <p>Access: in AWS only with a signed, expiring link from {@code /incident web} (then a cookie);
 * anything else gets 401 and no data. Local mode serves it without a login (loopback only).
 */
public final class WebApp {

    /** An HTTP request, reduced to what the pages need. */
    public record Request(String method, String path, Map<String, String> query, String cookie) { }

    /** An HTTP answer. */
    public record Response(int status, String contentType, String body, Map<String, String> headers) {
        static Response html(int status, String body) {
            return new Response(status, "text/html; charset=utf-8", body, Map.of());
        }
    }

    public static final String COOKIE = "hikeshi_session";
    private static final int PAGE = 50;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Storage store;
    private final SignedLinks links;
    private final ZoneId zone;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    /** @param links null: no login required (local mode) */
    public WebApp(Storage store, SignedLinks links, ZoneId zone, Clock clock) {
        this.store = store;
        this.links = links;
        this.zone = zone;
        this.clock = clock;
    }

    public Response handle(Request req) {
        String lang = "en".equals(req.query().get("lang")) ? "en" : "ja";
        Words w = new Words(lang);
        if (!"GET".equals(req.method())) {
            return Response.html(405, Html.page(lang, "405", "", w.t("readOnly")));
        }
        Optional<Response> refusal = checkAccess(req, w, lang);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        try {
            String path = req.path();
            if (path.equals("/") || path.equals("/incidents")) {
                return list(req, w, lang);
            }
            if (path.equals("/metrics")) {
                return metrics(req, w, lang);
            }
            if (path.equals("/export.json") || path.equals("/export.csv")) {
                return export(req, path.endsWith(".csv"));
            }
            if (path.startsWith("/incidents/") && path.endsWith("/postmortem.md")) {
                return markdown(IncidentId.parse(path.substring("/incidents/".length(), path.length() - "/postmortem.md".length())), lang);
            }
            if (path.startsWith("/incidents/")) {
                return incident(IncidentId.parse(path.substring("/incidents/".length()).replaceAll("/.*$", "")), w, lang);
            }
            return Response.html(404, Html.page(lang, "404", nav(w, lang), w.t("notFound")));
        } catch (IllegalArgumentException e) {
            return Response.html(400, Html.page(lang, "400", nav(w, lang), esc(e.getMessage())));
        }
    }

    // ---- access ----

    private Optional<Response> checkAccess(Request req, Words w, String lang) {
        if (links == null) {
            return Optional.empty();
        }
        String token = req.query().get("token");
        if (token != null) {
            if (links.verify(token).isEmpty()) {
                return Optional.of(refused(w, lang));
            }
            // Trade the link for a cookie and drop the token from the address bar.
            Map<String, String> rest = new LinkedHashMap<>(req.query());
            rest.remove("token");
            String location = rest.isEmpty() ? req.path() : req.path() + "?" + queryString(rest);
            return Optional.of(new Response(303, "text/plain", "", Map.of("Location", location,
                    "Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=43200")));
        }
        String session = cookie(req.cookie(), COOKIE);
        return links.verify(session).isPresent() ? Optional.empty() : Optional.of(refused(w, lang));
    }

    private static Response refused(Words w, String lang) {
        return Response.html(401, Html.page(lang, w.t("loginTitle"), "", "<p>" + w.t("login") + "</p>"));
    }

    private static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    // ---- the list ----

    private Response list(Request req, Words w, String lang) {
        IncidentQuery q = query(req.query());
        IncidentQuery.Page<Incident> page = store.search().find(q, blank(req.query().get("cursor")), PAGE);
        List<List<String>> rows = new ArrayList<>();
        for (Incident i : page.items()) {
            rows.add(List.of("<a href=\"/incidents/" + i.id() + "?lang=" + lang + "\">" + i.id() + "</a>", esc(i.title()),
                    "<span class=\"sev " + i.severity() + "\">" + i.severity() + "</span>", esc(w.status(i.status())),
                    esc(i.service()), esc(when(i.detectedAt())), minutes(i.timeToAcknowledge()), minutes(i.timeToResolve())));
        }
        StringBuilder body = new StringBuilder(filters(req.query(), w, lang));
        body.append(rows.isEmpty() ? "<p class=\"muted\">" + w.t("none") + "</p>"
                : Html.table(List.of("ID", w.t("title"), w.t("severity"), w.t("status"), w.t("service"), w.t("detected"),
                        w.t("tta"), w.t("ttr")), rows));
        if (page.nextCursor() != null) {
            Map<String, String> next = new LinkedHashMap<>(req.query());
            next.put("cursor", page.nextCursor());
            body.append("<p><a id=\"next\" href=\"/?").append(esc(queryString(next))).append("\">").append(w.t("next")).append("</a></p>");
        }
        body.append("<p class=\"muted\">").append(w.t("export")).append(": <a href=\"/export.json?").append(esc(queryString(req.query())))
                .append("\">JSON</a> · <a href=\"/export.csv?").append(esc(queryString(req.query()))).append("\">CSV</a></p>");
        return Response.html(200, Html.page(lang, w.t("incidents"), nav(w, lang), body.toString()));
    }

    private String filters(Map<String, String> q, Words w, String lang) {
        StringBuilder f = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"/\"><input type=\"hidden\" name=\"lang\" value=\"")
                .append(lang).append("\">");
        f.append(select("status", w.t("status"), q.get("status"), java.util.Arrays.stream(Status.values()).map(Enum::name).toList()));
        f.append(select("severity", w.t("severity"), q.get("severity"), java.util.Arrays.stream(Severity.values()).map(Enum::name).toList()));
        f.append(input("service", w.t("service"), q.get("service"), "text"));
        f.append(input("from", w.t("from"), q.get("from"), "date"));
        f.append(input("to", w.t("to"), q.get("to"), "date"));
        f.append(input("q", w.t("search"), q.get("q"), "search"));
        return f.append("<button type=\"submit\">").append(w.t("filter")).append("</button></form>").toString();
    }

    private static String select(String name, String label, String current, List<String> options) {
        StringBuilder s = new StringBuilder("<label>").append(esc(label)).append(" <select name=\"").append(name).append("\"><option value=\"\">—</option>");
        options.forEach(o -> s.append("<option").append(o.equals(current) ? " selected" : "").append(">").append(o).append("</option>"));
        return s.append("</select></label>").toString();
    }

    private static String input(String name, String label, String value, String type) {
        return "<label>" + esc(label) + " <input type=\"" + type + "\" name=\"" + name + "\" value=\"" + esc(value) + "\"></label>";
    }

    private IncidentQuery query(Map<String, String> q) {
        return new IncidentQuery(day(q.get("from"), 0), day(q.get("to"), 1),
                blank(q.get("status")) == null ? null : Status.parse(q.get("status")),
                blank(q.get("severity")) == null ? null : Severity.parse(q.get("severity")),
                blank(q.get("service")), blank(q.get("q")));
    }

    private Instant day(String text, int plusDays) {
        if (blank(text) == null) {
            return null;
        }
        try {
            return LocalDate.parse(text).plusDays(plusDays).atStartOfDay(zone).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("dates look like 2026-11-24, not '" + text + "'");
        }
    }

    // ---- one incident ----

    private Response incident(IncidentId id, Words w, String lang) {
        Optional<Incident> found = store.incidents().find(id);
        if (found.isEmpty()) {
            return Response.html(404, Html.page(lang, id.toString(), nav(w, lang), w.t("notFound")));
        }
        Incident i = found.get();
        List<TimelineEntry> timeline = store.incidents().timeline(id, 2000);
        StringBuilder body = new StringBuilder("<div class=\"cards\">");
        card(body, w.t("severity"), "<span class=\"sev " + i.severity() + "\">" + i.severity() + "</span>");
        card(body, w.t("status"), esc(w.status(i.status())));
        card(body, w.t("service"), esc(i.service()));
        card(body, w.t("commander"), i.commander() == null ? "—" : "@" + esc(i.commander()));
        card(body, w.t("tta"), minutes(i.timeToAcknowledge()));
        card(body, w.t("ttm"), minutes(i.timeToMitigate()));
        card(body, w.t("ttr"), minutes(i.timeToResolve()));
        body.append("</div>");
        store.warRooms().find(id).filter(r -> r.channelId() != null).ifPresent(r -> body.append("<p>").append(w.t("warRoom"))
                .append(": <a href=\"https://slack.com/app_redirect?channel=").append(esc(r.channelId())).append("\">#")
                .append(esc(r.channelName())).append("</a></p>"));
        body.append("<p class=\"muted\">").append(w.t("detected")).append(' ').append(esc(when(i.detectedAt())))
                .append(i.occurrences() > 1 ? " · " + i.occurrences() + " " + w.t("occurrences") : "").append("</p>");
        body.append("<h2>").append(w.t("timeline")).append("</h2><ol class=\"timeline\">");
        for (TimelineEntry e : timeline) {
            String link = e.attributes().getOrDefault("permalink", "");
            body.append("<li><span class=\"muted\">").append(esc(when(e.at()))).append("</span> <b>")
                    .append(esc(e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))).append("</b> ")
                    .append(esc(e.actor())).append(": ").append(esc(io.hikeshi.core.incident.TimelineText.render(e, w.messages())))
                    .append(link.isBlank() ? "" : " <a href=\"" + esc(link) + "\">↗</a>").append("</li>");
        }
        body.append("</ol><h2>").append(w.t("postmortem")).append("</h2>");
        Optional<Postmortem> pm = store.postmortems().find(id);
        if (pm.isEmpty()) {
            body.append("<p class=\"muted\">").append(w.t("noPostmortem")).append("</p>");
        } else {
            List<PostmortemChecklist.Missing> missing = PostmortemChecklist.missing(pm.get());
            body.append("<p>").append(w.t("checklist")).append(": ").append(missing.isEmpty() ? "✅"
                    : w.t("missing") + " " + esc(String.join(", ", missing.stream().map(m -> w.t(m.key())
                            + (m.detail() == null ? "" : " (" + m.detail() + ")")).toList()))).append("</p>");
            body.append("<pre>").append(esc(PostmortemMarkdown.render(pm.get(), i, timeline, missing,
                    "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE, zone))).append("</pre>");
        }
        return Response.html(200, Html.page(lang, i.id() + " " + i.title(), nav(w, lang), body.toString()));
    }

    private static void card(StringBuilder body, String label, String valueHtml) {
        body.append("<div class=\"card\"><span class=\"muted\">").append(esc(label)).append("</span><b>").append(valueHtml).append("</b></div>");
    }

    private Response markdown(IncidentId id, String lang) {
        Optional<Postmortem> pm = store.postmortems().find(id);
        Optional<Incident> incident = store.incidents().find(id);
        if (pm.isEmpty() || incident.isEmpty()) {
            return new Response(404, "text/plain; charset=utf-8", "no postmortem for " + id, Map.of());
        }
        return new Response(200, "text/markdown; charset=utf-8", PostmortemMarkdown.render(pm.get(), incident.get(),
                store.incidents().timeline(id, 2000), PostmortemChecklist.missing(pm.get()),
                "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE, zone), Map.of());
    }

    // ---- metrics ----

    private Response metrics(Request req, Words w, String lang) {
        Instant to = Optional.ofNullable(day(req.query().get("to"), 1)).orElse(clock.instant().plus(Duration.ofDays(1)));
        Instant from = Optional.ofNullable(day(req.query().get("from"), 0)).orElse(to.minus(Duration.ofDays(90)));
        List<Incident> incidents = new ArrayList<>();
        String cursor = null;
        do {
            var page = store.search().find(new IncidentQuery(from, to, null, null, null, null), cursor, 1000);
            incidents.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        List<Postmortem> open = store.postmortems().open(1000);
        List<Postmortem> done = store.postmortems().completed(1000);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<ActionItem> overdueItems = new ArrayList<>();
        for (Postmortem p : open) {
            p.actionItems().stream().filter(a -> !a.done() && a.due() != null && a.due().isBefore(today)).forEach(overdueItems::add);
        }
        for (Postmortem p : done) {
            p.actionItems().stream().filter(a -> !a.done() && a.due() != null && a.due().isBefore(today)).forEach(overdueItems::add);
        }
        StringBuilder body = new StringBuilder("<p class=\"muted\">").append(esc(w.t("range"))).append(": ")
                .append(esc(when(from))).append(" — ").append(esc(when(to))).append("</p><div class=\"cards\">");
        card(body, w.t("count"), Integer.toString(incidents.size()));
        card(body, "MTTA", fmt(mean(incidents, i -> i.timeToAcknowledge().map(d -> Math.max(0, d.toSeconds())).orElse(-1L))) + " min");
        card(body, "MTTR", fmt(mean(incidents, i -> i.timeToResolve().map(d -> Math.max(0, d.toSeconds())).orElse(-1L))) + " min");
        int total = open.size() + done.size();
        card(body, w.t("pmCompletion"), total == 0 ? "—" : Math.round(100.0 * done.size() / total) + "% (" + done.size() + "/" + total + ")");
        card(body, w.t("overdueItems"), Integer.toString(overdueItems.size()));
        body.append("</div>");
        body.append(Html.barChart("MTTA " + w.t("bySeverity"), meanBy(incidents, i -> i.severity().name(),
                i -> i.timeToAcknowledge().map(d -> Math.max(0, d.toSeconds())).orElse(-1L)), "min"));
        body.append(Html.barChart("MTTR " + w.t("bySeverity"), meanBy(incidents, i -> i.severity().name(),
                i -> i.timeToResolve().map(d -> Math.max(0, d.toSeconds())).orElse(-1L)), "min"));
        body.append(Html.barChart("MTTR " + w.t("byService"), meanBy(incidents, Incident::service,
                i -> i.timeToResolve().map(d -> Math.max(0, d.toSeconds())).orElse(-1L)), "min"));
        Map<String, Double> perWeek = new TreeMap<>();
        for (Incident i : incidents) {
            LocalDate d = LocalDate.ofInstant(i.detectedAt(), zone);
            perWeek.merge(d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), 1.0, Double::sum);
        }
        body.append(Html.barChart(w.t("perWeek"), perWeek, ""));
        if (!overdueItems.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            overdueItems.forEach(a -> rows.add(List.of(esc(a.description()), esc(a.type().name().toLowerCase(Locale.ROOT)),
                    a.owner() == null ? "—" : "@" + esc(a.owner()), esc(String.valueOf(a.due())))));
            body.append("<h2>").append(w.t("overdueItems")).append("</h2>").append(Html.table(List.of(w.t("item"), w.t("type"),
                    w.t("owner"), w.t("due")), rows));
        }
        return Response.html(200, Html.page(lang, w.t("metrics"), nav(w, lang), body.toString()));
    }

    private static Map<String, Double> meanBy(List<Incident> incidents, java.util.function.Function<Incident, String> key,
                                              ToLongFunction<Incident> seconds) {
        Map<String, List<Incident>> groups = new TreeMap<>();
        incidents.forEach(i -> groups.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i));
        Map<String, Double> means = new LinkedHashMap<>();
        groups.forEach((k, list) -> {
            OptionalDouble m = mean(list, seconds);
            if (m.isPresent()) {
                means.put(k, m.getAsDouble());
            }
        });
        return means;
    }

    /** Mean in minutes over incidents that reached the milestone (seconds < 0: not reached). */
    private static OptionalDouble mean(List<Incident> incidents, ToLongFunction<Incident> seconds) {
        // -1 marks "not reached"; a negative duration from clock skew counts as 0.
        return incidents.stream().mapToLong(seconds).filter(s -> s != -1).mapToDouble(s -> Math.max(0, s) / 60.0).average();
    }

    private static String fmt(OptionalDouble d) {
        return d.isPresent() ? String.format(Locale.ROOT, "%.1f", d.getAsDouble()) : "—";
    }

    // ---- export ----

    private Response export(Request req, boolean csv) {
        int size = Math.min(1000, Math.max(1, Integer.parseInt(req.query().getOrDefault("limit", "500"))));
        IncidentQuery.Page<Incident> page = store.search().find(query(req.query()), blank(req.query().get("cursor")), size);
        Map<String, String> headers = page.nextCursor() == null ? Map.of() : Map.of("X-Next-Cursor", page.nextCursor());
        if (!csv) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("incidents", page.items().stream().map(IncidentJson::summary).toList());
            body.put("nextCursor", page.nextCursor());
            try {
                return new Response(200, "application/json", json.writeValueAsString(body), headers);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        StringBuilder out = new StringBuilder("id,title,severity,status,service,commander,detected_at,acknowledged_at,mitigated_at,resolved_at,occurrences\r\n");
        for (Incident i : page.items()) {
            out.append(String.join(",", i.id().toString(), csvCell(i.title()), i.severity().name(), i.status().name().toLowerCase(Locale.ROOT),
                    csvCell(i.service()), csvCell(i.commander()), str(i.detectedAt()), str(i.acknowledgedAt()),
                    str(i.mitigatedAt()), str(i.resolvedAt()), Long.toString(i.occurrences()))).append("\r\n");
        }
        Map<String, String> csvHeaders = new LinkedHashMap<>(headers);
        csvHeaders.put("Content-Disposition", "attachment; filename=\"incidents.csv\"");
        return new Response(200, "text/csv; charset=utf-8", out.toString(), csvHeaders);
    }

    /** RFC 4180 quoting, and no formula injection when opened in a spreadsheet. */
    static String csvCell(String s) {
        if (s == null) {
            return "";
        }
        String v = s.matches("^[=+\\-@].*") ? "'" + s : s;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static String str(Instant at) {
        return at == null ? "" : at.toString();
    }

    // ---- bits ----

    private String nav(Words w, String lang) {
        String other = "ja".equals(lang) ? "en" : "ja";
        return "<a href=\"/?lang=" + lang + "\">" + w.t("incidents") + "</a><a href=\"/metrics?lang=" + lang + "\">"
                + w.t("metrics") + "</a><a href=\"?lang=" + other + "\">" + ("ja".equals(other) ? "日本語" : "English") + "</a>";
    }

    private String when(Instant at) {
        return at == null ? "—" : WHEN.format(at.atZone(zone)) + " " + zone.getId().replace("Asia/Tokyo", "JST");
    }

    /** A milestone before detection means the monitor's clock ran ahead of ours: shown as 0. */
    private static String minutes(Optional<Duration> d) {
        return d.map(x -> Math.max(0, x.toMinutes()) + " min").orElse("—");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String queryString(Map<String, String> q) {
        StringBuilder s = new StringBuilder();
        q.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                s.append(s.length() == 0 ? "" : "&").append(k).append('=')
                        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return s.toString();
    }

    /** The page's words in English and Japanese. */
    private record Words(String lang) {
        private static final Map<String, String[]> WORDS = Map.ofEntries(
                Map.entry("incidents", new String[] {"Incidents", "インシデント"}),
                Map.entry("metrics", new String[] {"Metrics", "メトリクス"}),
                Map.entry("title", new String[] {"Title", "タイトル"}),
                Map.entry("severity", new String[] {"Severity", "重大度"}),
                Map.entry("status", new String[] {"Status", "ステータス"}),
                Map.entry("service", new String[] {"Service", "サービス"}),
                Map.entry("commander", new String[] {"Commander", "指揮官"}),
                Map.entry("detected", new String[] {"Detected", "検知"}),
                Map.entry("tta", new String[] {"Time to acknowledge", "確認までの時間"}),
                Map.entry("ttm", new String[] {"Time to mitigate", "緩和までの時間"}),
                Map.entry("ttr", new String[] {"Time to resolve", "解決までの時間"}),
                Map.entry("from", new String[] {"From", "開始日"}),
                Map.entry("to", new String[] {"To", "終了日"}),
                Map.entry("search", new String[] {"Search titles", "タイトル検索"}),
                Map.entry("filter", new String[] {"Filter", "絞り込み"}),
                Map.entry("none", new String[] {"No incidents match.", "該当するインシデントはありません。"}),
                Map.entry("next", new String[] {"Next page →", "次のページ →"}),
                Map.entry("export", new String[] {"Export this list", "この一覧をエクスポート"}),
                Map.entry("timeline", new String[] {"Timeline", "タイムライン"}),
                Map.entry("postmortem", new String[] {"Postmortem", "ポストモーテム"}),
                Map.entry("noPostmortem", new String[] {"Drafted when the incident is resolved.", "インシデント解決時に下書きされます。"}),
                Map.entry("checklist", new String[] {"Checklist", "チェックリスト"}),
                Map.entry("missing", new String[] {"still missing:", "未記入:"}),
                Map.entry("section.summary", new String[] {"summary", "概要"}),
                Map.entry("section.impact", new String[] {"impact", "影響"}),
                Map.entry("section.root_causes", new String[] {"root causes", "根本原因"}),
                Map.entry("section.trigger", new String[] {"trigger", "トリガー"}),
                Map.entry("section.resolution", new String[] {"resolution", "解決"}),
                Map.entry("section.detection", new String[] {"detection", "検知"}),
                Map.entry("section.went_well", new String[] {"what went well", "うまくいったこと"}),
                Map.entry("section.went_wrong", new String[] {"what went wrong", "うまくいかなかったこと"}),
                Map.entry("owner", new String[] {"Owner", "担当"}),
                Map.entry("action.items", new String[] {"an action item", "アクションアイテム"}),
                Map.entry("action.prevent", new String[] {"a prevent action item", "再発防止のアクションアイテム"}),
                Map.entry("action.unassigned", new String[] {"an owner and due date", "担当者と期限"}),
                Map.entry("warRoom", new String[] {"War room", "対策室"}),
                Map.entry("occurrences", new String[] {"alert occurrences", "回のアラート"}),
                Map.entry("range", new String[] {"Period", "期間"}),
                Map.entry("count", new String[] {"Incidents", "インシデント数"}),
                Map.entry("pmCompletion", new String[] {"Postmortems complete", "ポストモーテム完了率"}),
                Map.entry("overdueItems", new String[] {"Overdue action items", "期限切れのアクションアイテム"}),
                Map.entry("bySeverity", new String[] {"by severity", "（重大度別）"}),
                Map.entry("byService", new String[] {"by service", "（サービス別）"}),
                Map.entry("perWeek", new String[] {"Incidents per week", "週ごとのインシデント数"}),
                Map.entry("item", new String[] {"Action item", "アクションアイテム"}),
                Map.entry("type", new String[] {"Type", "種類"}),
                Map.entry("due", new String[] {"Due", "期限"}),
                Map.entry("notFound", new String[] {"Not found.", "見つかりません。"}),
                Map.entry("readOnly", new String[] {"This page is read-only.", "このページは閲覧専用です。"}),
                Map.entry("loginTitle", new String[] {"Sign-in link needed", "サインイン用リンクが必要です"}),
                Map.entry("login", new String[] {"Incidents are for your team only. In Slack, type <code>/incident web</code> for a personal link (valid 12 hours).",
                        "インシデントはチーム内限定です。Slack で <code>/incident web</code> と入力すると個人用リンク（12時間有効）が届きます。"}));

        String t(String key) {
            String[] v = WORDS.get(key);
            return v == null ? key : v["ja".equals(lang) ? 1 : 0];
        }

        String status(Status s) {
            return switch (s) {
                case TRIGGERED -> t2("triggered", "発生");
                case ACKNOWLEDGED -> t2("acknowledged", "確認済み");
                case INVESTIGATING -> t2("investigating", "調査中");
                case MITIGATED -> t2("mitigated", "緩和済み");
                case RESOLVED -> t2("resolved", "解決済み");
            };
        }

        private String t2(String en, String ja) {
            return "ja".equals(lang) ? ja : en;
        }

        io.hikeshi.core.i18n.Messages messages() {
            return io.hikeshi.core.i18n.Messages.of(java.util.Locale.forLanguageTag(lang));
        }
    }
}
