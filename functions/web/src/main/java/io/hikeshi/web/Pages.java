package io.hikeshi.web;

import io.hikeshi.core.i18n.Text;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemChecklist;
import io.hikeshi.core.postmortem.PostmortemMarkdown;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.report.IncidentBrowser.IncidentRecord;
import io.hikeshi.core.report.IncidentMetrics;
import io.hikeshi.web.WebApp.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pages: each reads what it shows through the {@link IncidentBrowser} and renders its template. */
final class Pages {

    private final IncidentBrowser browser;

    Pages(IncidentBrowser browser) {
        this.browser = browser;
    }

    Response list(Words words, Parameters parameters, IncidentQuery.Page<Incident> page) {
        String next = page.nextCursor() == null ? null : Parameters.encode(parameters.with("cursor", page.nextCursor()));
        return html(200, "list", new ListView(words, parameters.asGiven(), page.items(), next, parameters.encoded()));
    }

    Response incident(Words words, IncidentId id, IncidentBrowser.Reader reader) {
        Optional<IncidentRecord> found = browser.incident(id, reader);
        if (found.isEmpty()) {
            return notice(404, words, id.toString(), true, Text.of("web.notFound"));
        }
        IncidentRecord record = found.get();
        List<PostmortemChecklist.Missing> missing = record.postmortem().map(PostmortemChecklist::missing).orElse(List.of());
        Optional<String> markdown = record.postmortem().map(pm -> markdown(words, record, pm, missing));
        return html(200, "incident", new IncidentView(words, record, markdown, missing));
    }

    Response postmortemMarkdown(Words words, IncidentId id, IncidentBrowser.Reader reader) {
        Optional<IncidentRecord> found = browser.incident(id, reader).filter(r -> r.postmortem().isPresent());
        if (found.isEmpty()) {
            return Response.text(404, words.get("web.postmortem.markdown.none", id.toString()));
        }
        IncidentRecord record = found.get();
        Postmortem pm = record.postmortem().orElseThrow();
        return new Response(200, "text/markdown; charset=utf-8",
                markdown(words, record, pm, PostmortemChecklist.missing(pm)), Map.of());
    }

    Response metrics(Words words, Parameters parameters) {
        Parameters.Period period = parameters.period();
        IncidentMetrics metrics = browser.metrics(period.from(), period.to());
        return html(200, "metrics", new MetricsView(words, metrics, browser.owners(metrics.overdueActionItems())));
    }

    Response signInNeeded(Words words) {
        return Response.html(401, Templates.render("signIn", Map.of("words", words)));
    }

    Response readOnly(Words words) {
        return notice(405, words, "405", false, Text.of("web.readOnly"));
    }

    Response notFound(Words words) {
        return notice(404, words, "404", true, Text.of("web.notFound"));
    }

    Response badRequest(Words words, Text reason) {
        return notice(400, words, "400", true, reason);
    }

    private String markdown(Words words, IncidentRecord record, Postmortem pm, List<PostmortemChecklist.Missing> missing) {
        return PostmortemMarkdown.render(pm, record.incident(), record.timeline(), missing, words.messages(), browser.zone(),
                record.names());
    }

    private static Response notice(int status, Words words, String title, boolean nav, Text message) {
        return Response.html(status, Templates.render("notice",
                Map.of("words", words, "title", title, "nav", nav, "message", words.text(message))));
    }

    private static Response html(int status, String template, Object view) {
        return Response.html(status, Templates.render(template, view));
    }
}
