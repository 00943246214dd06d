package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.handlers.web.WebApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The read-only incident web page behind the HTTP API (GET /, /incidents/…, /metrics, /export.*).
 * Nobody outside the team reads incidents: every page wants a signed link from {@code /incident web}.
 */
public final class WebHandler implements RequestStreamHandler {

    private final WebApp web;
    private final ObjectMapper json = new ObjectMapper();

    public WebHandler() {
        this(Composition.fromEnvironment().web(Composition.ssmSecrets(), System.getenv()));
    }

    public WebHandler(WebApp web) {
        this.web = web;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = json.readTree(input);
        Map<String, String> query = new LinkedHashMap<>();
        event.path("queryStringParameters").properties().forEach(e -> query.put(e.getKey(), e.getValue().asText()));
        StringBuilder cookies = new StringBuilder();
        event.path("cookies").forEach(c -> cookies.append(cookies.length() == 0 ? "" : "; ").append(c.asText()));
        WebApp.Response response = web.handle(new WebApp.Request(
                event.path("requestContext").path("http").path("method").asText("GET"), event.path("rawPath").asText("/"),
                query, cookies.length() == 0 ? event.path("headers").path("cookie").asText(null) : cookies.toString()));
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("statusCode", response.status());
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("content-type", response.contentType());
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        headers.put("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'");
        String cookie = headers.remove("Set-Cookie");
        proxy.put("headers", headers);
        if (cookie != null) {
            proxy.put("cookies", java.util.List.of(cookie));
        }
        proxy.put("body", response.body());
        json.writeValue(output, proxy);
    }
}
