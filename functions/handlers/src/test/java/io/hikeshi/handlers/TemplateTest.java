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

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
