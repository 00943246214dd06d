package io.hikeshi.lambdaruntime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.slackstub.SlackSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Slack signs every request with a timestamp it must carry within five minutes, so a sample Slack
 * request cannot be stored signed. An HTTP API event whose headers carry {@code x-slack-signature} is
 * signed again as Slack signs (v0, HMAC-SHA256 of {@code v0:timestamp:body}) with the local signing
 * secret and the time it is sent; anything else is sent as it is.
 */
final class SlackSigning {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackSigning() { }

    static byte[] signNow(byte[] event, String signingSecret, long epochSeconds) {
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (IOException notJson) {
            return event;
        }
        if (root == null || !(root.path("headers") instanceof ObjectNode headers) || !root.path("body").isTextual()) {
            return event;
        }
        String signatureHeader = name(headers, SlackSigner.SIGNATURE_HEADER);
        if (signatureHeader == null) {
            return event;
        }
        String body = root.path("body").asText();
        if (root.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        String timestampHeader = name(headers, SlackSigner.TIMESTAMP_HEADER);
        headers.put(timestampHeader == null ? SlackSigner.TIMESTAMP_HEADER.toLowerCase() : timestampHeader,
                Long.toString(epochSeconds));
        headers.put(signatureHeader, SlackSigner.signature(signingSecret, epochSeconds, body));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header's name as the event spells it (HTTP API lower-cases them), or null. */
    private static String name(ObjectNode headers, String header) {
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (name.equalsIgnoreCase(header)) {
                return name;
            }
        }
        return null;
    }
}
