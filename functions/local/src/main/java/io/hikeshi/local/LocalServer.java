package io.hikeshi.local;

import io.hikeshi.handlers.slack.SlackHandler;
import io.hikeshi.handlers.alerts.WebhookHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.hikeshi.core.alert.StoreContentionException;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.i18n.Text;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.handlers.alerts.AlarmIngestHandler;
import io.hikeshi.handlers.lambda.LambdaLog;
import io.hikeshi.handlers.wiring.AlertsWiring;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.local.api.IncidentJson;
import io.hikeshi.ingest.InvalidEventException;
import io.hikeshi.ingest.alarm.AlarmEventParser;
import io.hikeshi.ingest.webhook.WebhookService;
import io.hikeshi.web.RequestGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Local mode's one HTTP server. Each route runs the same handler code Lambda runs:
 * <ul>
 *   <li>{@code POST /aws/eventbridge}: an EventBridge event exactly as AWS delivers it to the function;</li>
 *   <li>{@code POST /slack/events}: Slack's requests, signed with the local signing secret;</li>
 *   <li>{@code POST /alerts/<integration>}: a monitor's webhook (generic, Alertmanager, Grafana, Datadog);</li>
 *   <li>{@code GET /api/incidents}: incidents, newest first ({@code ?limit=}, default 50);</li>
 *   <li>{@code GET /api/incidents/INC-0042}: one incident with its timeline.</li>
 * </ul>
 * Every route is behind one guard: the Host must be one of this server's names (against DNS
 * rebinding), anything that changes state must come from its own pages (Origin, Sec-Fetch-Site),
 * and with a sign-in required ({@code --require-login}) every route but the ones their senders sign
 * needs the web page's session.
 */
public final class LocalServer implements AutoCloseable {

    private static final int TIMELINE_LIMIT = 1000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalServer.class);

    private final HttpServer http;
    private final ExecutorService workers;
    private final Composition app;
    private final AlarmIngestHandler alarmIngest;
    private final AlertsWiring alerts;
    private final io.hikeshi.slack.SlackHttp slack;
    private LocalReminders reminders;
    private io.hikeshi.web.WebApp web;
    private RequestGuard guard = new RequestGuard(List.of());
    private io.hikeshi.slack.postmortem.PostmortemNotices notices;
    private final ObjectMapper json = new ObjectMapper();

    public LocalServer(Composition app, String host, int port) throws IOException {
        this(app, null, host, port);
    }

    /** @param slack the Bolt app for {@code POST /slack/events}, or null to serve no Slack endpoint */
    public LocalServer(Composition app, io.hikeshi.slack.SlackHttp slack, String host, int port) throws IOException {
        this.app = app;
        this.slack = slack;
        this.alerts = new AlertsWiring(app);
        this.alarmIngest = new AlarmIngestHandler(alerts);
        this.http = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.workers = Executors.newFixedThreadPool(32);
        http.setExecutor(workers);
        route("/aws/eventbridge", Access.SIGNED_IN, this::eventBridge);
        route("/api/incidents", Access.SIGNED_IN, this::incidents);
        route("/alerts/", Access.SENDER_SIGNED, this::alertWebhook);
        if (slack != null) {
            route("/slack/events", Access.SENDER_SIGNED, this::slackEvents);
        }
        route("/", Access.PAGE, this::index);
    }

    /** Who may use a route once the request has passed the {@link RequestGuard} (Host, Origin). */
    private enum Access {
        /** Behind the web page's sign-in when it needs one ({@code --require-login}): 401 JSON otherwise. */
        SIGNED_IN,
        /** The web page: it signs people in itself (a link's token for a cookie) and refuses with its own 401 page. */
        PAGE,
        /** Authenticated by what the sender signs (a monitor's secret, Slack's signing secret), as in AWS. */
        SENDER_SIGNED
    }

    /** Every route goes through the same guard before its handler. */
    private void route(String path, Access access, HttpHandler handler) {
        http.createContext(path, handler).getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange ex, Chain chain) throws IOException {
                Optional<RequestGuard.Refusal> refusal = refusal(ex, access);
                if (refusal.isPresent()) {
                    send(ex, refusal.get().status(), Map.of("error", refusal.get().reason().render(messagesFor(ex))));
                } else {
                    chain.doFilter(ex);
                }
            }

            @Override
            public String description() {
                return "Host, Origin and sign-in";
            }
        });
    }

    private Optional<RequestGuard.Refusal> refusal(HttpExchange ex, Access access) {
        var headers = ex.getRequestHeaders();
        Optional<RequestGuard.Refusal> refusal = guard.check(new RequestGuard.Request(ex.getRequestMethod(),
                headers.getFirst("Host"), headers.getFirst("Origin"), headers.getFirst("Sec-Fetch-Site"),
                ex.getLocalAddress().getPort()));
        if (refusal.isEmpty() && access == Access.SIGNED_IN && web != null && !web.signedIn(headers.getFirst("Cookie"))) {
            return Optional.of(new RequestGuard.Refusal(401, Text.of("guard.signIn.needed")));
        }
        return refusal;
    }

    /** English for {@code ?lang=en}, Japanese otherwise, as on the web page. */
    private static Messages messagesFor(HttpExchange ex) {
        return Messages.of("en".equals(queryParams(ex).get("lang")) ? Messages.ENGLISH : Messages.JAPANESE);
    }

    /**
     * Names this server answers to besides {@code 127.0.0.1:<port>} and {@code localhost:<port>}
     * ({@code --allow-host}): a tunnel's public name, the address it was bound to.
     */
    LocalServer withAllowedHosts(List<String> hosts) {
        this.guard = new RequestGuard(hosts);
        return this;
    }

    /**
     * Serves the incident web page (list, incident, metrics, export) at the root. When the page needs
     * a sign-in, so does every route but those their senders sign (webhooks, Slack).
     */
    LocalServer withWeb(io.hikeshi.web.WebApp web) {
        this.web = web;
        return this;
    }

    /** Adds the postmortem routes: Markdown export, the movable clock, the weekly digest. */
    LocalServer withPostmortems(LocalReminders reminders, io.hikeshi.slack.postmortem.PostmortemNotices notices) {
        this.reminders = reminders;
        this.notices = notices;
        route("/api/clock", Access.SIGNED_IN, this::clock);
        route("/api/digest", Access.SIGNED_IN, this::digest);
        return this;
    }

    public LocalServer start() {
        http.start();
        return this;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
    }

    private void eventBridge(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, Map.of("error", "POST an EventBridge event here"));
            return;
        }
        try {
            byte[] body = readLimited(ex.getRequestBody(), AlarmEventParser.MAX_EVENT_BYTES);
            send(ex, 200, alarmIngest.handle(body));
        } catch (InvalidEventException e) {
            send(ex, 400, Map.of("error", e.getMessage()));
        } catch (StoreContentionException e) {
            send(ex, 503, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("event failed", LambdaLog.kvs("cause", e.toString()));
            send(ex, 500, Map.of("error", "internal error; see the log"));
        }
    }

    /** {@code POST /alerts/<integration>}: the same WebhookService the WebhookHandler runs in AWS. */
    private void alertWebhook(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, Map.of("error", "POST alerts here"));
            return;
        }
        String integration = ex.getRequestURI().getPath().substring("/alerts/".length()).replaceAll("/+$", "");
        byte[] body = ex.getRequestBody().readNBytes(WebhookService.MAX_BODY_BYTES + 1);
        Map<String, String> headers = new java.util.HashMap<>();
        ex.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        try {
            WebhookService.Response response = alerts.webhooks().receive(integration, headers, body);
            send(ex, response.status(), response.body());
        } catch (RuntimeException e) {
            LOG.error("webhook failed", LambdaLog.kvs("cause", e.toString()));
            send(ex, 500, Map.of("error", "internal error; see the log"));
        }
    }

    /** {@code POST /slack/events}: Slack's own request format, signed; the same Bolt app as the SlackHandler. */
    private void slackEvents(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, Map.of("error", "POST Slack requests here"));
            return;
        }
        String body = new String(ex.getRequestBody().readNBytes(1024 * 1024), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.HashMap<>();
        ex.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
        com.slack.api.bolt.response.Response response = slack.handle("/slack/events", headers, body,
                ex.getRemoteAddress().getAddress().getHostAddress());
        sendText(ex, response.getStatusCode(), response.getContentType() == null ? "text/plain" : response.getContentType(),
                response.getBody());
    }

    private void incidents(HttpExchange ex) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            send(ex, 405, Map.of("error", "read-only: GET"));
            return;
        }
        String rest = ex.getRequestURI().getPath().substring("/api/incidents".length()).replaceAll("^/+|/+$", "");
        if (rest.isEmpty()) {
            int limit = intParam(ex, "limit", 50, 1, 500);
            List<Map<String, Object>> list = app.storage().search().recent(limit).stream().map(IncidentJson::summary).toList();
            send(ex, 200, Map.of("incidents", list));
            return;
        }
        if (rest.endsWith("/postmortem.md")) {
            postmortemMarkdown(ex, rest.substring(0, rest.length() - "/postmortem.md".length()));
            return;
        }
        IncidentId id;
        try {
            id = IncidentId.parse(rest);
        } catch (IllegalArgumentException e) {
            send(ex, 400, Map.of("error", e.getMessage()));
            return;
        }
        Incident incident = app.storage().incidents().find(id).orElse(null);
        if (incident == null) {
            send(ex, 404, Map.of("error", "no incident " + id));
            return;
        }
        send(ex, 200, IncidentJson.withTimeline(incident, app.storage().incidents().timeline(id, TIMELINE_LIMIT)));
    }

    private void postmortemMarkdown(HttpExchange ex, String incident) throws IOException {
        IncidentId id;
        try {
            id = IncidentId.parse(incident);
        } catch (IllegalArgumentException e) {
            send(ex, 400, Map.of("error", e.getMessage()));
            return;
        }
        var pm = app.postmortems().find(id);
        var incidentRecord = app.storage().incidents().find(id);
        if (pm.isEmpty() || incidentRecord.isEmpty()) {
            send(ex, 404, Map.of("error", "no postmortem for " + id + " (drafted when the incident is resolved)"));
            return;
        }
        String lang = queryParams(ex).get("lang");
        var timeline = app.storage().incidents().timeline(id, TIMELINE_LIMIT);
        var names = app.people().names(io.hikeshi.core.report.IncidentBrowser.IncidentRecord.people(incidentRecord.get(), timeline, pm));
        String markdown = io.hikeshi.core.postmortem.PostmortemMarkdown.render(pm.get(), incidentRecord.get(), timeline,
                io.hikeshi.core.postmortem.PostmortemChecklist.missing(pm.get()),
                io.hikeshi.core.i18n.Messages.of("en".equals(lang) ? java.util.Locale.ENGLISH : java.util.Locale.JAPANESE),
                java.time.ZoneId.of("Asia/Tokyo"), names);
        sendText(ex, 200, "text/markdown; charset=utf-8", markdown);
    }

    /** {@code POST /api/clock/advance?days=N&hours=N&minutes=N}: moves local time forward and fires due reminders and nudges. */
    private void clock(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod()) || !ex.getRequestURI().getPath().endsWith("/advance")) {
            send(ex, 405, Map.of("error", "POST /api/clock/advance?days=N&hours=N&minutes=N"));
            return;
        }
        java.time.Duration by = java.time.Duration.ofDays(intParam(ex, "days", 0, 0, 365))
                .plusHours(intParam(ex, "hours", 0, 0, 24 * 365)).plusMinutes(intParam(ex, "minutes", 0, 0, 60 * 24 * 365));
        var fired = reminders.advance(by);
        send(ex, 200, Map.of("now", reminders.clock().instant().toString(),
                "fired", fired.stream().map(r -> r.id() + " (" + r.kind() + ")").toList(),
                "pending", reminders.pending().stream().map(r -> r.id() + " at " + r.at()).toList()));
    }

    private void digest(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, Map.of("error", "POST to post the weekly digest now"));
            return;
        }
        send(ex, 200, Map.of("digest", notices.digest()));
    }

    /** Everything not an API route is the web page: {@code /}, {@code /incidents/…}, {@code /metrics}, {@code /export.*}. */
    private void index(HttpExchange ex) throws IOException {
        if (web == null) {
            send(ex, 404, Map.of("error", "no such path: " + ex.getRequestURI().getPath()));
            return;
        }
        Map<String, String> query = queryParams(ex);
        io.hikeshi.web.WebApp.Response response;
        try {
            response = web.handle(new io.hikeshi.web.WebApp.Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    query, ex.getRequestHeaders().getFirst("Cookie")));
        } catch (RuntimeException e) {
            LOG.error("web page failed", LambdaLog.kvs("path", ex.getRequestURI().getPath(), "cause", e.toString()));
            send(ex, 500, Map.of("error", "internal error; see the log"));
            return;
        }
        response.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        sendText(ex, response.status(), response.contentType(), response.body());
    }

    private static int intParam(HttpExchange ex, String name, int fallback, int min, int max) {
        String value = queryParams(ex).get(name);
        try {
            return value == null ? fallback : Math.max(min, Math.min(max, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The query string, decoded; the first value of a repeated name wins. */
    private static Map<String, String> queryParams(HttpExchange ex) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.putIfAbsent(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static byte[] readLimited(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new InvalidEventException("request body is over the " + limit + "-byte limit");
        }
        return body;
    }

    private void send(HttpExchange ex, int status, Object body) throws IOException {
        sendBytes(ex, status, "application/json; charset=utf-8", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }

    private static void sendText(HttpExchange ex, int status, String contentType, String body) throws IOException {
        sendBytes(ex, status, contentType, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Every answer carries the web function's security headers (WebApp's one definition), as in AWS. */
    private static void sendBytes(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
        io.hikeshi.web.WebApp.SECURITY_HEADERS.forEach(ex.getResponseHeaders()::set);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
