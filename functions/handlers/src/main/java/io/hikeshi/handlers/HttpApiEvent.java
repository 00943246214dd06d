package io.hikeshi.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP API (payload format 2.0) request, read from the raw event: the Java runtime's event
 * classes lose {@code isBase64Encoded}, and signatures cover the exact body bytes.
 */
record HttpApiEvent(String path, Map<String, String> headers, byte[] body, String sourceIp, JsonNode raw) {

    static HttpApiEvent read(JsonNode event) {
        Map<String, String> headers = new HashMap<>();
        event.path("headers").properties()
                .forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        String body = event.path("body").asText("");
        byte[] bytes = event.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new HttpApiEvent(event.path("rawPath").asText("/"), headers, bytes,
                event.path("requestContext").path("http").path("sourceIp").asText(null), event);
    }

    String pathParameter(String name) {
        return raw.path("pathParameters").path(name).asText("");
    }

    Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        raw.path("queryStringParameters").properties().forEach(e -> query.put(e.getKey(), e.getValue().asText()));
        return query;
    }

    /** Payload 2.0 moves cookies out of the headers into their own list. */
    String cookieHeader() {
        List<String> cookies = new java.util.ArrayList<>();
        raw.path("cookies").forEach(c -> cookies.add(c.asText()));
        return cookies.isEmpty() ? headers.get("cookie") : String.join("; ", cookies);
    }

    String method() {
        return raw.path("requestContext").path("http").path("method").asText("GET");
    }

    Map<String, List<String>> multiHeaders() {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }

    static void respond(ObjectMapper json, OutputStream out, int status, String contentType, String body) throws IOException {
        respond(json, out, status, Map.of("content-type", contentType), List.of(), body);
    }

    /** A payload 2.0 answer; cookies go in their own list, as the HTTP API expects. */
    static void respond(ObjectMapper json, OutputStream out, int status, Map<String, String> headers, List<String> cookies,
                        String body) throws IOException {
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("statusCode", status);
        proxy.put("headers", headers);
        if (!cookies.isEmpty()) {
            proxy.put("cookies", cookies);
        }
        proxy.put("body", body == null ? "" : body);
        json.writeValue(out, proxy);
    }
}
