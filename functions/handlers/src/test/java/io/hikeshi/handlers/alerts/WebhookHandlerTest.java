package io.hikeshi.handlers.alerts;

import io.hikeshi.handlers.wiring.AlertsWiring;
import io.hikeshi.handlers.TestClocks;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.wiring.Composition;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The Lambda entry point behind the HTTP API: payload format 2.0 in, proxy response out. */
class WebhookHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** When API Gateway delivered the sample (its requestContext.timeEpoch), never the machine's day. */
    private static final Clock CLOCK = TestClocks.fixedAt(TestClocks.SAMPLE_WEBHOOK_DELIVERED);
    private WebhookHandler handler;
    private Composition app;
    private String table;

    @BeforeEach
    void setUp() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        table = "webhook-handler-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        app = Composition.fromSettings(Map.of(Settings.TABLE, table), dynamo, reference -> "local-secret", CLOCK);
        handler = new WebhookHandler(new AlertsWiring(app));
    }

    @org.junit.jupiter.api.Test
    void snapStartPriming_readsEveryIntegrationsSecretAndParsesItsSample_andWritesNothing() {
        // GIVEN the bundled integrations (alertmanager, grafana, datadog, generic)
        // WHEN the function is primed before its snapshot
        int primed = new AlertsWiring(app).webhooks().prime();

        // THEN every integration was primed, and the table holds nothing at all
        assertEquals(4, primed);
        assertEquals(0, EmbeddedDynamoDb.shared().client().scan(r -> r.tableName(table)).count());
    }

    @ParameterizedTest
    @Event(value = "events/apigw-webhook-alertmanager.json", type = Map.class)
    void apiGatewayEvent_opensTheIncident_andAnswers202(Map<String, Object> event) throws Exception {
        JsonNode response = invoke(JSON.valueToTree(event));

        assertEquals(202, response.path("statusCode").asInt());
        JsonNode body = JSON.readTree(response.path("body").asText());
        assertEquals("OPENED", body.path("results").get(0).path("outcome").asText());
        assertEquals(1, app.storage().search().recent(10).size());
    }

    @ParameterizedTest
    @Event(value = "events/apigw-webhook-alertmanager.json", type = Map.class)
    void anIntegrationsOwnRoute_namesTheIntegration_withoutAPathParameter(Map<String, Object> event) throws Exception {
        // GIVEN the same request arriving on the integration's own route (its own throttle), as API Gateway sends it
        ObjectNode ownRoute = JSON.valueToTree(event);
        ownRoute.put("routeKey", "POST /alerts/alertmanager");
        ((ObjectNode) ownRoute.path("requestContext")).put("routeKey", "POST /alerts/alertmanager");
        ownRoute.remove("pathParameters");

        // WHEN it is handled
        JsonNode response = invoke(ownRoute);

        // THEN the route's name is the integration: authenticated with its secret, the incident opened
        assertEquals(202, response.path("statusCode").asInt(), response.toString());
        assertEquals(1, app.storage().search().recent(10).size());
    }

    @ParameterizedTest
    @Event(value = "events/apigw-webhook-alertmanager.json", type = Map.class)
    void base64EncodedBody_isDecodedBeforeAnythingElse(Map<String, Object> event) throws Exception {
        ObjectNode encoded = JSON.valueToTree(event);
        encoded.put("body", Base64.getEncoder().encodeToString(encoded.path("body").asText().getBytes(StandardCharsets.UTF_8)));
        encoded.put("isBase64Encoded", true);

        assertEquals(202, invoke(encoded).path("statusCode").asInt());
    }

    @ParameterizedTest
    @Event(value = "events/apigw-webhook-alertmanager.json", type = Map.class)
    void missingToken_answers401WithAGenericBody(Map<String, Object> event) throws Exception {
        ObjectNode anonymous = JSON.valueToTree(event);
        ((ObjectNode) anonymous.path("headers")).remove("authorization");

        JsonNode response = invoke(anonymous);

        assertEquals(401, response.path("statusCode").asInt());
        assertEquals("{\"error\":\"unauthorized\"}", response.path("body").asText());
        assertEquals(0, app.storage().search().recent(10).size());
    }

    private JsonNode invoke(JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
        return JSON.readTree(out.toByteArray());
    }
}
