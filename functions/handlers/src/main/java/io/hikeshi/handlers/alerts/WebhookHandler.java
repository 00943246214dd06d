package io.hikeshi.handlers.alerts;

import io.hikeshi.handlers.wiring.AlertsWiring;
import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import io.hikeshi.handlers.lambda.HttpApiEvent;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.SnapStartPriming;
import io.hikeshi.handlers.lambda.StreamHandler;
import io.hikeshi.ingest.webhook.WebhookService;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /alerts/<integration>} behind the HTTP API: translates the request for {@link WebhookService}.
 * Each configured integration has a route of its own ({@code POST /alerts/grafana}), so each has its own
 * throttle; {@code POST /alerts/{integration}} catches any other name.
 */
public final class WebhookHandler extends StreamHandler<HttpApiEvent, HttpApiEvent.Response> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

    private static final String OWN_ROUTE_PREFIX = "POST /alerts/";

    private final WebhookService webhooks;
    /** Held here: the runtime's context must not be the only holder of a registered resource. */
    private final SnapStartPriming priming;

    public WebhookHandler() {
        this(AlertsWiring.webhooksInAws(Settings.fromEnvironment()), true);
    }

    public WebhookHandler(AlertsWiring wiring) {
        this(wiring, false);
    }

    private WebhookHandler(AlertsWiring wiring, boolean primeForSnapStart) {
        this.webhooks = wiring.webhooks();
        this.priming = primeForSnapStart ? SnapStartPriming.register("webhook", () -> webhooks.prime() > 0) : null;
    }

    @Override
    protected HttpApiEvent read(byte[] event) throws IOException {
        return HttpApiEvent.read(json().readTree(event));
    }

    @Override
    protected HttpApiEvent.Response handle(HttpApiEvent event) {
        WebhookService.Response response = webhooks.receive(integration(event), event.headers(), event.body());
        return HttpApiEvent.Response.of(response.status(), "application/json", write(response.body()));
    }

    /** The {integration} path parameter on the catch-all route; on an integration's own route, the name it ends with. */
    static String integration(HttpApiEvent event) {
        String named = event.pathParameter("integration");
        if (!named.isEmpty()) {
            return named;
        }
        String route = event.routeKey();
        return route.startsWith(OWN_ROUTE_PREFIX) ? route.substring(OWN_ROUTE_PREFIX.length()) : "";
    }

    /** At the edge, fail closed: a request that is not an HTTP API event gets a generic 400. */
    @Override
    protected HttpApiEvent.Response unreadable(Exception problem, int bytes) {
        LOG.error("unreadable API Gateway event", kv("cause", problem.getMessage()), kv("bytes", bytes));
        return HttpApiEvent.Response.of(400, "application/json", "{\"error\":\"unreadable request\"}");
    }

    private String write(Object body) {
        try {
            return json().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("an answer that is not JSON: " + e.getMessage(), e);
        }
    }
}
