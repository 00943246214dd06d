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

    Map<String, List<String>> multiHeaders() {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }

    static void respond(ObjectMapper json, OutputStream out, int status, String contentType, String body) throws IOException {
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("statusCode", status);
        proxy.put("headers", Map.of("content-type", contentType));
        proxy.put("body", body == null ? "" : body);
        json.writeValue(out, proxy);
    }
}
