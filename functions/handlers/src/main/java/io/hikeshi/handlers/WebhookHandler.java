package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.ingest.webhook.WebhookService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** {@code POST /alerts/{integration}} behind the HTTP API: translates the request for {@link WebhookService}. */
public final class WebhookHandler implements RequestStreamHandler {

    private final WebhookService webhooks;
    private final ObjectMapper json;
    private SnapStartPriming priming;

    public WebhookHandler() {
        this(Composition.fromEnvironment());
        this.priming = SnapStartPriming.register("webhook", () -> webhooks.prime() > 0);
    }

    public WebhookHandler(Composition composition) {
        this.webhooks = composition.webhooks();
        this.json = composition.json();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WebhookService.Response response;
        try {
            HttpApiEvent event = HttpApiEvent.read(json.readTree(input));
            response = webhooks.receive(event.pathParameter("integration"), event.headers(), event.body());
        } catch (IOException | IllegalArgumentException e) {
            Log.error("unreadable API Gateway event", "error", e.getMessage());
            response = new WebhookService.Response(400, Map.of("error", "unreadable request"));
        }
        HttpApiEvent.respond(json, output, response.status(), "application/json", json.writeValueAsString(response.body()));
    }
}
