package io.hikeshi.handlers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.handlers.alarm.InvalidEventException;
import java.time.Instant;

/** Runs a webhook body parser the way WebhookService does, for the fuzz tests (same package access). */
public final class WebhookFuzzing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookFuzzing() { }

    public static void parse(String format, byte[] body) {
        Integration integration = new Integration(format, WebhookFormat.parse(format), Integration.Auth.BEARER, "ssm:/x", null, null);
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception notJson) {
            return; // WebhookService answers 400 before any parser runs
        }
        if (node == null || !node.isObject()) {
            return;
        }
        try {
            WebhookParser.of(integration.format()).parse(integration, node, Instant.parse("2026-11-24T03:12:45Z"));
        } catch (InvalidEventException expected) {
            // a clear refusal is a correct answer
        }
    }
}
