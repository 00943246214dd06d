package io.hikeshi.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.alert.Alert;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertOutcome;
import io.hikeshi.core.alert.StoreContentionException;
import io.hikeshi.ingest.InvalidEventException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert webhook, whatever carries it (API Gateway in AWS, local mode's server): size limit,
 * authentication, parsing, then the same intake as CloudWatch alarms.
 *
 * <p>Order matters: nothing is parsed before the request is authenticated, and nothing is written
 * before the whole body parsed. A redelivered body (same integration, same bytes) is a duplicate.
 */
public final class WebhookService {

    /**
     * Lambda's limit for a synchronous invocation's request (API Gateway's own is 10 MB): what is larger
     * never reaches here in AWS. An Alertmanager group of a few thousand alerts fits; beyond that its
     * webhook_config {@code max_alerts} keeps a group under it (the rest arrive counted in truncatedAlerts).
     */
    public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    /** An HTTP answer: status and a JSON-ready body. */
    public record Response(int status, Map<String, Object> body) { }

    private final Map<String, Integration> integrations;
    private final WebhookAuthenticator authenticator;
    private final AlertIntakeService intake;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookLog log;

    public WebhookService(Map<String, Integration> integrations, WebhookAuthenticator authenticator,
                          AlertIntakeService intake, ObjectMapper json, Clock clock, WebhookLog log) {
        this.integrations = Map.copyOf(integrations);
        this.authenticator = authenticator;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
        this.log = log;
    }

    /**
     * The hot path once, for SnapStart's snapshot, writing nothing: each integration's secret is read
     * and checked against an unsigned request (refused), its format's bundled sample is parsed, and
     * the store answers one read of a key that never exists.
     *
     * @return how many integrations were primed
     */
    public int prime() {
        for (Integration integration : integrations.values()) {
            byte[] sample = primingSample(integration.format());
            authenticator.refusal(integration, Map.of(), sample);
            if (sample.length > 0) {
                try {
                    WebhookParser.of(integration.format()).parse(integration, readJson(sample), clock.instant());
                } catch (InvalidEventException e) {
                    throw new IllegalStateException("bundled " + integration.format() + " sample is invalid", e);
                }
            }
        }
        intake.warmUp();
        return integrations.size();
    }

    /** The bundled sample body of this format, or none (generic has none: its parser is the simplest). */
    static byte[] primingSample(WebhookFormat format) {
        String resource = "/priming/webhook-" + format.name().toLowerCase(java.util.Locale.ROOT) + ".json";
        try (java.io.InputStream in = WebhookService.class.getResourceAsStream(resource)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * @param headers request headers with lower-case names
     */
    public Response receive(String integrationName, Map<String, String> headers, byte[] body) {
        Integration integration = integrations.get(integrationName);
        if (integration == null) {
            log.warn("webhook refused", "integration", integrationName, "reason", "no such integration");
            return error(401, "unauthorized");
        }
        if (body.length > MAX_BODY_BYTES) {
            return error(413, "body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES);
        }
        Optional<String> refusal = authenticator.refusal(integration, headers, body);
        if (refusal.isPresent()) {
            log.warn("webhook refused", "integration", integrationName, "reason", refusal.get());
            return error(401, "unauthorized");
        }
        List<Alert> alerts;
        try {
            alerts = WebhookParser.of(integration.format()).parse(integration, readJson(body), clock.instant());
        } catch (InvalidEventException e) {
            log.warn("webhook rejected", "integration", integrationName, "reason", e.getMessage());
            return error(400, e.getMessage());
        }
        alerts.stream().filter(a -> !a.missing().isEmpty()).forEach(a -> log.warn("webhook alert incomplete",
                "integration", integrationName, "alert", a.key(), "missing", String.join(", ", a.missing())));
        String bodyHash = sha256(body);
        List<Map<String, String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < alerts.size(); i++) {
                AlertOutcome outcome = intake.receive(alerts.get(i), integration.name() + ":" + bodyHash + ":" + i);
                results.add(describe(outcome));
            }
        } catch (StoreContentionException e) {
            // Safe to resend: what was recorded is recognised as a duplicate the second time.
            return error(503, "busy; retry the same request");
        }
        log.info("webhook handled", "integration", integrationName, "alerts", alerts.size(),
                "outcome", results.isEmpty() ? null : results.get(0).get("outcome"));
        return new Response(202, Map.of("results", results));
    }

    private JsonNode readJson(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidEventException("body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("body could not be read");
        }
    }

    private static Map<String, String> describe(AlertOutcome outcome) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("outcome", outcome.kind().name());
        m.put("incident", outcome.incident() == null ? null : outcome.incident().toString());
        m.put("detail", outcome.detail());
        return m;
    }

    private static Response error(int status, String message) {
        return new Response(status, Map.of("error", message));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
