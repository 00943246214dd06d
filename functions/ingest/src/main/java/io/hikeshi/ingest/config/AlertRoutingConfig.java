package io.hikeshi.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.hikeshi.core.alert.AlertRouting;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.ingest.json.JsonTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads alert routing (alarm-name patterns → service and severity) from JSON:
 * <pre>{"default": {"service": "unassigned", "severity": "SEV3"},
 *  "routes": [{"alarmName": "payment-api-*", "service": "payment-api", "severity": "SEV2"}]}</pre>
 * The bundled file is {@code alarm-routes.json}; {@code HIKESHI_ALARM_ROUTES} may name another file.
 */
public final class AlertRoutingConfig {

    public static final String RESOURCE = "/alarm-routes.json";

    private AlertRoutingConfig() { }

    public static AlertRouting load(String overridePath) {
        if (overridePath != null && !overridePath.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(overridePath))) {
                return parse(in, overridePath);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read alarm routes from " + overridePath + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = AlertRoutingConfig.class.getResourceAsStream(RESOURCE)) {
            return in == null ? AlertRouting.defaults() : parse(in, "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled alarm routes: " + e.getMessage(), e);
        }
    }

    static AlertRouting parse(InputStream in, String origin) throws IOException {
        JsonNode root = JsonTree.read(in); // read at every alarm function's cold start: without an ObjectMapper
        JsonNode defaults = root.path("default");
        String service = defaults.path("service").asText("unassigned");
        Severity severity = severity(defaults.path("severity").asText("SEV3"), origin + " default.severity");
        List<AlertRouting.Route> routes = new ArrayList<>();
        int i = 0;
        for (JsonNode r : root.path("routes")) {
            String where = origin + " routes[" + i++ + "]";
            String pattern = r.path("alarmName").asText(null);
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalStateException(where + ".alarmName is missing");
            }
            String routeService = r.path("service").asText(null);
            Severity routeSeverity = r.hasNonNull("severity") ? severity(r.get("severity").asText(), where + ".severity") : null;
            routes.add(new AlertRouting.Route(pattern, routeService, routeSeverity));
        }
        return new AlertRouting(routes, service, severity);
    }

    private static Severity severity(String text, String where) {
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": " + e.getMessage());
        }
    }
}
