package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.web.WebApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only incident web page behind the HTTP API (GET /, /incidents/…, /metrics, /export.*):
 * the HTTP API's event in, the page's answer out. Nobody outside the team reads incidents: every page
 * wants a signed link from {@code /incident web} ({@link WebApp}).
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
        HttpApiEvent event = HttpApiEvent.read(json.readTree(input));
        WebApp.Response response = web.handle(new WebApp.Request(event.method(), event.path(), event.query(),
                event.cookieHeader()));
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("content-type", response.contentType());
        // Payload 2.0 answers carry cookies in a list of their own, not as a header.
        String cookie = headers.remove("Set-Cookie");
        HttpApiEvent.respond(json, output, response.status(), headers, cookie == null ? List.of() : List.of(cookie), response.body());
    }
}
