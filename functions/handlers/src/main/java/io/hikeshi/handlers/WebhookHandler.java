package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.handlers.webhook.WebhookService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /alerts/{integration}} behind the HTTP API (payload format 2.0). Read as a raw
 * stream: the Java runtime's event classes lose {@code isBase64Encoded}, and the exact body bytes
 * are what an HMAC signature covers.
 */
public final class WebhookHandler implements RequestStreamHandler {

    private final WebhookService webhooks;
    private final ObjectMapper json;

    public WebhookHandler() {
        this(Composition.fromEnvironment());
    }

    public WebhookHandler(Composition composition) {
        this.webhooks = composition.webhooks();
        this.json = composition.json();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WebhookService.Response response;
        try {
            JsonNode event = json.readTree(input);
            response = webhooks.receive(event.path("pathParameters").path("integration").asText(""),
                    headers(event.path("headers")), body(event));
        } catch (IOException | IllegalArgumentException e) {
            Log.error("unreadable API Gateway event", "error", e.getMessage());
            response = new WebhookService.Response(400, Map.of("error", "unreadable request"));
        }
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("statusCode", response.status());
        proxy.put("headers", Map.of("content-type", "application/json"));
        proxy.put("body", json.writeValueAsString(response.body()));
        json.writeValue(output, proxy);
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new HashMap<>();
        node.properties().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        return headers;
    }

    private static byte[] body(JsonNode event) {
        String body = event.path("body").asText("");
        return event.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }
}
