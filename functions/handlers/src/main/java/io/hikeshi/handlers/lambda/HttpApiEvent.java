package io.hikeshi.handlers.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP API (payload format 2.0) request, read from the raw event, not as aws-lambda-java-events'
 * APIGatewayV2HTTPEvent: Lambda's serializer loses that class's {@code isBase64Encoded} (its bean
 * property does not match the field's name), and a webhook's or Slack's signature covers the exact
 * body bytes, so a binary body must be decoded exactly as sent.
 */
public record HttpApiEvent(String path, Map<String, String> headers, byte[] body, String sourceIp, JsonNode raw) {

    public static HttpApiEvent read(JsonNode event) {
        Map<String, String> headers = new HashMap<>();
        event.path("headers").properties()
                .forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        String body = event.path("body").asText("");
        byte[] bytes = event.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new HttpApiEvent(event.path("rawPath").asText("/"), headers, bytes,
                event.path("requestContext").path("http").path("sourceIp").asText(null), event);
    }

    /** The route that matched, as the template declares it: {@code POST /alerts/{integration}}, {@code POST /alerts/grafana}. */
    public String routeKey() {
        return raw.path("routeKey").asText("");
    }

    public String pathParameter(String name) {
        return raw.path("pathParameters").path(name).asText("");
    }

    public Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        raw.path("queryStringParameters").properties().forEach(e -> query.put(e.getKey(), e.getValue().asText()));
        return query;
    }

    /** Payload 2.0 moves cookies out of the headers into their own list. */
    public String cookieHeader() {
        List<String> cookies = new java.util.ArrayList<>();
        raw.path("cookies").forEach(c -> cookies.add(c.asText()));
        return cookies.isEmpty() ? headers.get("cookie") : String.join("; ", cookies);
    }

    public String method() {
        return raw.path("requestContext").path("http").path("method").asText("GET");
    }

    public Map<String, List<String>> multiHeaders() {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return multi;
    }

    /** The API's own address, from the request (the web page is served by the same HTTP API); null if unknown. */
    public String baseUrl() {
        String domain = raw.path("requestContext").path("domainName").asText(null);
        return domain == null ? null : "https://" + domain;
    }

    /**
     * A payload 2.0 answer; cookies go in their own list, as the HTTP API expects.
     *
     * @param cookies empty: none (then left out of the answer)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Response(int statusCode, Map<String, String> headers, List<String> cookies, String body) {

        public Response {
            body = body == null ? "" : body;
        }

        public static Response of(int status, String contentType, String body) {
            return new Response(status, Map.of("content-type", contentType), List.of(), body);
        }

        /** Serialized even when empty: an HTTP answer always has a body. */
        @Override
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public String body() {
            return body;
        }
    }
}
