package io.hikeshi.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.Retention;
import io.hikeshi.core.store.Storage;
import io.hikeshi.ingest.alarm.AlarmEventParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml and the code must agree: handlers exist, event patterns match what is parsed. */
class TemplateTest {

    private static final JsonNode TEMPLATE = read();

    /** Actions with no resource-level permission: "*" is the narrowest resource IAM accepts for them. */
    private static final Set<String> UNSCOPABLE_ACTIONS = Set.of("dynamodb:ListStreams");

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
                manifest.at("/settings/interactivity/message_menu_options_url").asText(),
                manifest.at("/settings/event_subscriptions/request_url").asText());
        urls.forEach(url -> assertTrue(url.endsWith("/slack/events"), url));
        assertEquals("/incident", manifest.at("/features/slash_commands/0/command").asText());
        assertEquals("message", manifest.at("/features/shortcuts/0/type").asText());
        assertEquals(io.hikeshi.slack.SlackIds.Shortcut.DECLARE_FROM_MESSAGE.id(),
                manifest.at("/features/shortcuts/0/callback_id").asText());
        assertEquals(List.of("reaction_added", "app_home_opened"), texts(manifest.at("/settings/event_subscriptions/bot_events")));
    }

    /**
     * A throttle per monitor integration: every integration configured has its own route, and so its
     * own token bucket, as large as the parameters say; the catch-all route, which only ever meets
     * names nobody configured, gets less than any of them.
     */
    @Test
    void everyIntegration_hasARouteOfItsOwn_withItsOwnThrottle_andUnknownNamesGetLess() throws Exception {
        // GIVEN the integrations the webhook function is configured with
        JsonNode integrations = new ObjectMapper().readTree(Path.of("infrastructure/config/integrations.json").toFile());
        List<String> names = texts(integrations.path("integrations").findValues("name"));
        assertFalse(names.isEmpty());
        JsonNode routeSettings = TEMPLATE.at("/Resources/HikeshiHttpApi/Properties/RouteSettings");
        List<String> webhookRoutes = new ArrayList<>();
        TEMPLATE.at("/Resources/WebhookFunction/Properties/Events").forEach(event ->
                webhookRoutes.add(event.at("/Properties/Method").asText() + " " + event.at("/Properties/Path").asText()));

        // WHEN each integration's route and throttle are looked up
        for (String name : names) {
            String route = "POST /alerts/" + name;
            // THEN the webhook function serves that route, with the parameters' rate and burst
            assertTrue(webhookRoutes.contains(route), route + " is not one of WebhookFunction's events: " + webhookRoutes);
            assertEquals("AlertRateLimit", routeSettings.path(route).path("ThrottlingRateLimit").asText(), route);
            assertEquals("AlertBurstLimit", routeSettings.path(route).path("ThrottlingBurstLimit").asText(), route);
        }
        // AND every throttled route is a route the API serves
        routeSettings.fieldNames().forEachRemaining(route ->
                assertTrue(webhookRoutes.contains(route), route + " is throttled but not served"));

        // AND names nobody configured share a bucket smaller than any one integration's
        JsonNode catchAll = routeSettings.path("POST /alerts/{integration}");
        assertTrue(webhookRoutes.contains("POST /alerts/{integration}"));
        assertTrue(catchAll.path("ThrottlingRateLimit").asInt() < parameterDefault("AlertRateLimit"), catchAll.toString());
        assertTrue(catchAll.path("ThrottlingBurstLimit").asInt() < parameterDefault("AlertBurstLimit"), catchAll.toString());
        assertTrue(catchAll.path("ThrottlingRateLimit").asInt() >= 1, "a rate of 0 would refuse every request");
    }

    @Test
    void accessLogs_areOff_untilAskedFor_andKeptAsLongAsTheFunctionsLogs() {
        // GIVEN the HTTP API's access-log settings and their log group
        JsonNode parameter = TEMPLATE.at("/Parameters/HttpAccessLogs");
        JsonNode logGroup = resource("HttpApiAccessLogGroup", "AWS::Logs::LogGroup", "HikeshiHttpApi's AccessLogSettings");

        // THEN they cost nothing by default, and, when on, are retained like every other log group here
        assertEquals("off", parameter.path("Default").asText());
        assertEquals("AccessLogsOn", logGroup.path("Condition").asText());
        assertEquals("LogRetentionDays", logGroup.at("/Properties/RetentionInDays").asText());
        String format = TEMPLATE.at("/Resources/HikeshiHttpApi/Properties/AccessLogSettings").toString();
        assertTrue(format.contains("$context.requestId"), "API Gateway requires the request id in the format: " + format);
        assertTrue(format.contains("$context.identity.sourceIp") && format.contains("$context.routeKey"), format);
    }

    private static int parameterDefault(String name) {
        return TEMPLATE.path("Parameters").path(name).path("Default").asInt();
    }

    /**
     * Least privilege: no statement grants every action of a service, and none grants on every
     * resource unless IAM has no narrower resource for its actions. The execution roles are in
     * this file, so this covers them too (infrastructure/check_iam.py checks the template after
     * SAM's transform, where SAM's own generated roles appear).
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
                        texts(asList(statement.path("Action"))).stream().filter(a -> !UNSCOPABLE_ACTIONS.contains(a))
                                .forEach(a -> offences.add(resource.getKey() + ": resource * for " + a));
                    }
                }
            }));
        });
        assertTrue(scanned[0] > 50, "the policies were found and read (" + scanned[0] + " statements)");
        assertTrue(offences.isEmpty(), offences.toString());
    }

    /**
     * SAM's generated roles carry AWS managed policies granting on "*", so every function names a
     * role declared here, assumable by Lambda, and none has Policies (SAM would ignore them
     * beside a Role, or generate a role from them without one).
     */
    @Test
    void everyFunction_runsAsARoleDeclaredInTheTemplate() {
        Map<String, JsonNode> functions = functions();
        assertEquals(10, functions.size(), functions.keySet().toString());
        functions.forEach((name, function) -> {
            String role = function.path("Role").asText();
            assertTrue(role.endsWith(".Arn"), name + " has no Role: !GetAtt <role>.Arn (" + role + ")");
            JsonNode declared = resource(role.substring(0, role.length() - ".Arn".length()), "AWS::IAM::Role", name);
            assertEquals("lambda.amazonaws.com",
                    declared.at("/Properties/AssumeRolePolicyDocument/Statement/0/Principal/Service").asText(), name);
            assertTrue(declared.path("Properties").path("ManagedPolicyArns").isMissingNode(), name + "'s role attaches managed policies");
        });
        assertTrue(TEMPLATE.at("/Globals/Function/Role").isMissingNode());
    }

    @Test
    void noFunction_hasPolicies_whenItsRoleIsDeclaredInTheTemplate() {
        functions().forEach((name, function) -> assertTrue(function.path("Policies").isMissingNode(),
                name + " has Policies: put its grants in its role"));
        assertTrue(TEMPLATE.at("/Globals/Function/Policies").isMissingNode());
    }

    /** Each function logs to its own group, with bounded retention, and its role may write only there. */
    @Test
    void everyFunction_logsToALogGroupDeclaredInTheTemplate() {
        functions().forEach((name, function) -> {
            String group = function.at("/LoggingConfig/LogGroup").asText();
            assertFalse(group.isEmpty(), name + " has no LoggingConfig: LogGroup: !Ref <group>");
            JsonNode declared = resource(group, "AWS::Logs::LogGroup", name);
            assertFalse(declared.at("/Properties/RetentionInDays").isMissingNode(), group + " keeps logs forever");

            String role = function.path("Role").asText().replace(".Arn", "");
            List<String> logResources = new ArrayList<>();
            TEMPLATE.path("Resources").path(role).findValues("Statement").forEach(statements -> statements.forEach(statement -> {
                if (texts(asList(statement.path("Action"))).stream().anyMatch(a -> a.startsWith("logs:"))) {
                    logResources.addAll(texts(asList(statement.path("Resource"))));
                }
            }));
            assertEquals(List.of(group + ".Arn"), logResources, role + " writes logs elsewhere than " + group);
        });
    }

    @Test
    void noQueueOrRetry_holdsAnEventLongerThanDeliveryRecordsRemember() {
        // Redelivery is safe only while the delivery record lives: every DLQ and retry policy must fit inside it.
        List<String> checked = new ArrayList<>();
        TEMPLATE.path("Resources").properties().forEach(resource -> {
            JsonNode retention = resource.getValue().at("/Properties/MessageRetentionPeriod");
            if (!retention.isMissingNode()) {
                assertTrue(retention.asLong() <= Retention.DEAD_LETTER_RETENTION.toSeconds(),
                        resource.getKey() + " keeps messages " + retention.asLong() + " s");
                checked.add(resource.getKey());
            }
        });
        TEMPLATE.path("Resources").findValues("MaximumEventAgeInSeconds").forEach(age ->
                assertTrue(age.asLong() <= Retention.EVENTBRIDGE_RETRY_WINDOW.toSeconds(),
                        "an EventBridge retry policy keeps events " + age.asLong() + " s"));
        assertFalse(checked.isEmpty(), "the template declares its dead-letter queues");
    }

    private static Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        TEMPLATE.path("Resources").properties().forEach(resource -> {
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                functions.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        return functions;
    }

    private static JsonNode resource(String name, String type, String referredToBy) {
        JsonNode resource = TEMPLATE.path("Resources").path(name);
        assertEquals(type, resource.path("Type").asText(), referredToBy + " refers to " + name + ", which is not a declared " + type);
        return resource;
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

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.asText()));
        return out;
    }
}
