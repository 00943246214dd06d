package io.hikeshi.handlers.alerts;

import io.hikeshi.handlers.wiring.AlertsWiring;
import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.handlers.lambda.HttpApiEvent;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.SnapStartPriming;
import io.hikeshi.handlers.lambda.StreamHandler;
import io.hikeshi.ingest.webhook.WebhookService;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /alerts/{integration}} behind the HTTP API: translates the request for {@link WebhookService}. */
public final class WebhookHandler extends StreamHandler<HttpApiEvent, HttpApiEvent.Response> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

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
        super(new ObjectMapper());
        this.webhooks = wiring.webhooks();
        this.priming = primeForSnapStart ? SnapStartPriming.register("webhook", () -> webhooks.prime() > 0) : null;
    }

    @Override
    protected HttpApiEvent read(byte[] event) throws IOException {
        return HttpApiEvent.read(json.readTree(event));
    }

    @Override
    protected HttpApiEvent.Response handle(HttpApiEvent event) {
        WebhookService.Response response = webhooks.receive(event.pathParameter("integration"), event.headers(), event.body());
        return HttpApiEvent.Response.of(response.status(), "application/json", write(response.body()));
    }

    /** At the edge, fail closed: a request that is not an HTTP API event gets a generic 400. */
    @Override
    protected HttpApiEvent.Response unreadable(Exception problem, int bytes) {
        LOG.error("unreadable API Gateway event", kv("cause", problem.getMessage()), kv("bytes", bytes));
        return HttpApiEvent.Response.of(400, "application/json", "{\"error\":\"unreadable request\"}");
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("an answer that is not JSON: " + e.getMessage(), e);
        }
    }
}
