package io.hikeshi.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the webhook integrations (infrastructure/config/integrations.json, bundled into the
 * function; {@code HIKESHI_INTEGRATIONS} may name another file). Secrets are references, never values.
 */
public final class IntegrationsConfig {

    public static final String RESOURCE = "/integrations.json";

    private IntegrationsConfig() { }

    public static Map<String, Integration> load(ObjectMapper json, String overridePath) {
        try (InputStream in = overridePath == null || overridePath.isBlank()
                ? IntegrationsConfig.class.getResourceAsStream(RESOURCE)
                : Files.newInputStream(Path.of(overridePath))) {
            return in == null ? Map.of() : parse(json.readTree(in), overridePath == null ? "classpath:" + RESOURCE : overridePath);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read integrations: " + e.getMessage(), e);
        }
    }

    static Map<String, Integration> parse(JsonNode root, String origin) {
        Map<String, Integration> integrations = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode n : root.path("integrations")) {
            String where = origin + " integrations[" + i++ + "]";
            try {
                Integration integration = new Integration(required(n, "name", where),
                        WebhookFormat.parse(required(n, "format", where)),
                        Integration.Auth.valueOf(required(n, "auth", where).toUpperCase(Locale.ROOT)),
                        required(n, "secret", where), n.path("signatureHeader").asText(null),
                        n.path("timestampHeader").asText(null));
                if (integrations.put(integration.name(), integration) != null) {
                    throw new IllegalStateException(where + ": duplicate name " + integration.name());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": " + e.getMessage(), e);
            }
        }
        return integrations;
    }

    private static String required(JsonNode n, String field, String where) {
        String value = n.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(where + "." + field + " is missing");
        }
        return value;
    }
}
