package io.hikeshi.handlers.web;

import io.hikeshi.handlers.lambda.HttpApiEvent;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.StreamHandler;
import io.hikeshi.handlers.wiring.WebWiring;
import io.hikeshi.web.WebApp;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only incident web page behind the HTTP API (GET /, /incidents/…, /metrics, /export.*):
 * the HTTP API's event in, the page's answer out. Nobody outside the team reads incidents: every page
 * wants a signed link from {@code /incident web} ({@link WebApp}).
 */
public final class WebHandler extends StreamHandler<HttpApiEvent, HttpApiEvent.Response> {

    private final WebApp web;

    /** For the Lambda runtime: DynamoDB, and the links' signing key from SSM. */
    public WebHandler() {
        this(WebWiring.inAws(Settings.fromEnvironment()));
    }

    public WebHandler(WebApp web) {
        this.web = web;
    }

    @Override
    protected HttpApiEvent read(byte[] event) throws IOException {
        return HttpApiEvent.read(json().readTree(event));
    }

    @Override
    protected HttpApiEvent.Response handle(HttpApiEvent event) {
        WebApp.Response response = web.handle(new WebApp.Request(event.method(), event.path(), event.query(),
                event.cookieHeader()));
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("content-type", response.contentType());
        // Payload 2.0 answers carry cookies in a list of their own, not as a header.
        String cookie = headers.remove("Set-Cookie");
        return new HttpApiEvent.Response(response.status(), headers, cookie == null ? List.of() : List.of(cookie), response.body());
    }
}
