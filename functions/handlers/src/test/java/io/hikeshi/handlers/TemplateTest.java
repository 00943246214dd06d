package io.hikeshi.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hikeshi.handlers.alarm.AlarmEventParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** template.yaml and the code must agree: handlers exist, event patterns match what is parsed. */
class TemplateTest {

    private static final JsonNode TEMPLATE = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("template.yaml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException("template.yaml unreadable", e);
        }
    }

    @Test
    void everyFunctionHandler_resolvesToAHandlerClass() throws Exception {
        List<String> handlers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : TEMPLATE.path("Resources").properties()) {
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                handlers.add(resource.getValue().path("Properties").path("Handler").asText());
            }
        }
        assertFalse(handlers.isEmpty());
        for (String handler : handlers) {
            String[] parts = handler.split("::");
            Class<?> type = Class.forName(parts[0]);
            assertTrue(RequestStreamHandler.class.isAssignableFrom(type) || RequestHandler.class.isAssignableFrom(type),
                    handler + " is not a Lambda handler");
            assertEquals("handleRequest", parts[1]);
            type.getConstructor(); // the runtime needs the no-arg constructor
        }
    }

    @Test
    void alarmRulePattern_matchesWhatTheParserAccepts() {
        JsonNode pattern = TEMPLATE.at("/Resources/AlarmIngestFunction/Properties/Events/AlarmStateChange/Properties/Pattern");

        assertEquals(List.of(AlarmEventParser.SOURCE), texts(pattern.path("source")));
        assertEquals(List.of(AlarmEventParser.DETAIL_TYPE), texts(pattern.path("detail-type")));
    }

    @Test
    void tableKeys_matchTheStoreLayout() {
        JsonNode table = TEMPLATE.at("/Resources/IncidentsTable/Properties");

        assertEquals(List.of("pk", "sk"), table.path("KeySchema").findValuesAsText("AttributeName"));
        assertEquals("gsi1", table.path("GlobalSecondaryIndexes").get(0).path("IndexName").asText());
        assertEquals("expiresAt", table.path("TimeToLiveSpecification").path("AttributeName").asText());
    }

    @Test
    void httpRoutes_matchTheLocalServerAndTheSlackManifest() throws Exception {
        JsonNode resources = TEMPLATE.path("Resources");
        assertEquals("/alerts/{integration}",
                resources.at("/WebhookFunction/Properties/Events/AlertWebhook/Properties/Path").asText());
        assertEquals("/slack/events", resources.at("/SlackFunction/Properties/Events/SlackEvents/Properties/Path").asText());
        JsonNode manifest = new ObjectMapper(new YAMLFactory()).readTree(Path.of("infrastructure/slack-app-manifest.yaml").toFile());
        List<String> urls = List.of(manifest.at("/features/slash_commands/0/url").asText(),
                manifest.at("/settings/interactivity/request_url").asText(),
                manifest.at("/settings/event_subscriptions/request_url").asText());
        urls.forEach(url -> assertTrue(url.endsWith("/slack/events"), url));
        assertEquals("/incident", manifest.at("/features/slash_commands/0/command").asText());
        assertEquals(List.of("reaction_added", "app_home_opened"), texts(manifest.at("/settings/event_subscriptions/bot_events")));
    }

    /**
     * Least privilege: no statement Hikeshi writes grants every action of a service or every
     * resource. (SAM's own managed execution roles are outside this file and this test.)
     */
    @Test
    void noPolicyStatement_grantsWildcardActionsOrAnyResource() {
        List<String> offences = new ArrayList<>();
        int[] scanned = {0};
        TEMPLATE.path("Resources").properties().forEach(resource -> {
            resource.getValue().findValues("Statement").forEach(statements -> statements.forEach(statement -> {
                scanned[0]++;
                for (JsonNode action : asList(statement.path("Action"))) {
                    if (action.asText().contains("*")) {
                        offences.add(resource.getKey() + ": action " + action.asText());
                    }
                }
                for (JsonNode res : asList(statement.path("Resource"))) {
                    if (res.isTextual() && res.asText().equals("*")) {
                        offences.add(resource.getKey() + ": resource *");
                    }
                }
            }));
        });
        assertTrue(scanned[0] > 20, "the policies were found and read (" + scanned[0] + " statements)");
        assertTrue(offences.isEmpty(), offences.toString());
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else if (!node.isMissingNode()) {
            list.add(node);
        }
        return list;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
