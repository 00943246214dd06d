package io.hikeshi.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.ingest.InvalidEventException;
import java.time.Instant;
import java.util.List;

/** Runs a webhook body parser the way WebhookService does, for the fuzz tests (same package access). */
public final class WebhookFuzzing {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** When the body arrived: alerts that carry no time of their own take this one. */
    public static final Instant RECEIVED = Instant.parse("2026-11-24T03:12:45Z");

    private WebhookFuzzing() { }

    /**
     * The alerts in {@code body}, or the reason it is refused: a parse error of the parser's own
     * (InvalidEventException), or not a JSON object at all (WebhookService answers 400 before any parser runs).
     * Any other exception escapes: that is a finding.
     */
    public static Result parse(String format, byte[] body) {
        Integration integration = new Integration(format, WebhookFormat.parse(format), Integration.Auth.BEARER, "ssm:/x", null, null);
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception notJson) {
            return new Result(List.of(), "not JSON");
        }
        if (node == null || !node.isObject()) {
            return new Result(List.of(), "not a JSON object");
        }
        try {
            return new Result(WebhookParser.of(integration.format()).parse(integration, node, RECEIVED), null);
        } catch (InvalidEventException refused) {
            return new Result(List.of(), refused.getMessage()); // a clear refusal is a correct answer
        }
    }

    /** The parsed alerts, or why there are none. */
    public record Result(List<Alert> alerts, String refusal) { }
}
