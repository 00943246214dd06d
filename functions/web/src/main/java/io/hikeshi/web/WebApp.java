package io.hikeshi.web;

import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.i18n.Text;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.report.IncidentBrowser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-only incident web page: the list (filters, search, paging), an incident with its
 * timeline and postmortem, the metrics (charts), and the JSON/CSV export. Served by the web
 * function in AWS and by local mode, from the same code.
 *
 * <p>Access: in AWS only with a signed, expiring link from {@code /incident web} (then a cookie);
 * anything else gets 401 and no data. Local mode may serve it without a login (loopback only).
 */
public final class WebApp {

    /** An HTTP request, reduced to what the pages need. */
    public record Request(String method, String path, Map<String, String> query, String cookie) { }

    /** An HTTP answer; every answer carries {@link #SECURITY_HEADERS}. */
    public record Response(int status, String contentType, String body, Map<String, String> headers) {

        public Response {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(SECURITY_HEADERS);
            headers = Collections.unmodifiableMap(all);
        }

        static Response html(int status, String body) {
            return new Response(status, "text/html; charset=utf-8", body, Map.of());
        }

        static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=utf-8", body, Map.of());
        }
    }

    /**
     * Nothing but this page's own inline styles and same-origin images may load (the pages have no
     * script and no third-party asset); nothing is cached, because every page is private to its reader.
     */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "cache-control", "no-store",
            "x-content-type-options", "nosniff",
            "content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'");

    public static final String COOKIE = SignIn.COOKIE;
    /** Incidents on a page of the list. */
    private static final int LIST_PAGE = 50;

    private static final Pattern MARKDOWN = Pattern.compile("/incidents/(.*)/postmortem\\.md");
    /** Anything after the id is ignored, as it always was. */
    private static final Pattern INCIDENT = Pattern.compile("/incidents/([^/]*)(/.*)?");

    private final IncidentBrowser browser;
    private final SignIn signIn;
    private final Pages pages;

    /** @param links null: no login required (local mode) */
    public WebApp(IncidentBrowser browser, SignedLinks links) {
        this.browser = browser;
        this.signIn = new SignIn(links);
        this.pages = new Pages(browser);
    }

    public Response handle(Request request) {
        Words words = Words.forLanguage(request.query().get("lang"), browser.zone());
        if (!"GET".equals(request.method())) {
            return pages.readOnly(words);
        }
        Optional<Response> refusal = signIn.check(request, words, pages);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        try {
            return route(request, words);
        } catch (BadRequest e) {
            return pages.badRequest(words, e.reason());
        } catch (IllegalArgumentException e) {
            // A value the core refused (a cursor it did not hand out, say): the request is at fault.
            return pages.badRequest(words, BadRequest.UNANSWERABLE);
        }
    }

    /**
     * The pages' own sign-in check, for routes served beside them (local mode's API): whether this
     * Cookie header carries a valid session. Always true when no sign-in is needed.
     */
    public boolean signedIn(String cookieHeader) {
        return signIn.hasSession(cookieHeader);
    }

    private Response route(Request request, Words words) {
        String path = request.path();
        IncidentBrowser.Reader reader = signIn.reader(request);
        Parameters parameters = new Parameters(request.query(), browser.zone()).checked();
        if (path.equals("/") || path.equals("/incidents")) {
            return pages.list(words, parameters, page(parameters, LIST_PAGE, reader));
        }
        if (path.equals("/metrics")) {
            return pages.metrics(words, parameters);
        }
        if (path.equals("/export.json")) {
            IncidentQuery.Page<Incident> page = page(parameters, parameters.exportLimit(), reader);
            return IncidentExport.json(page, browser.commanders(page.items()));
        }
        if (path.equals("/export.csv")) {
            IncidentQuery.Page<Incident> page = page(parameters, parameters.exportLimit(), reader);
            return IncidentExport.csv(page, browser.commanders(page.items()));
        }
        Matcher markdown = MARKDOWN.matcher(path);
        if (markdown.matches()) {
            return pages.postmortemMarkdown(words, Parameters.incidentId(markdown.group(1)), reader);
        }
        Matcher incident = INCIDENT.matcher(path);
        if (incident.matches()) {
            return pages.incident(words, Parameters.incidentId(incident.group(1)), reader);
        }
        return pages.notFound(words);
    }

    /**
     * A page of the list as filtered, less the private incidents the reader may not see; a cursor that is not one of
     * ours is the request's fault.
     */
    private IncidentQuery.Page<Incident> page(Parameters parameters, int size, IncidentBrowser.Reader reader) {
        IncidentQuery query = parameters.incidentQuery();
        try {
            return browser.find(query, parameters.cursor(), size, reader);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(Text.of("web.error.cursor"));
        }
    }
}
