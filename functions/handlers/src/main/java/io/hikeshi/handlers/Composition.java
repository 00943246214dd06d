package io.hikeshi.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.DynamoDbIncidentStore;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertRouting;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.store.IncidentStore;
import io.hikeshi.handlers.config.AlertRoutingConfig;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: the one place that wires adapters to the core. Lambda builds it once per
 * execution environment, outside handleRequest, so SnapStart snapshots warm clients; local mode
 * builds it with its own DynamoDB client.
 */
public final class Composition {

    public static final String TABLE = "HIKESHI_TABLE";
    public static final String DYNAMODB_ENDPOINT = "HIKESHI_DYNAMODB_ENDPOINT";
    public static final String AUTO_RESOLVE = "HIKESHI_AUTO_RESOLVE_ON_OK";
    public static final String ALARM_ROUTES = "HIKESHI_ALARM_ROUTES";

    private static Composition fromEnvironment;

    private final ObjectMapper json;
    private final IncidentStore store;
    private final AlertIntakeService alertIntake;
    private final IncidentService incidents;

    public Composition(IncidentStore store, AlertRouting routing, boolean resolveOnRecovery, Clock clock) {
        this.json = new ObjectMapper();
        this.store = store;
        this.alertIntake = new AlertIntakeService(store, routing, resolveOnRecovery);
        this.incidents = new IncidentService(store, clock);
    }

    /** Wires from environment variables (names above); built once per JVM. */
    public static synchronized Composition fromEnvironment() {
        if (fromEnvironment == null) {
            fromEnvironment = fromSettings(System.getenv(), dynamoFromEnvironment(System.getenv()));
        }
        return fromEnvironment;
    }

    public static Composition fromSettings(Map<String, String> env, DynamoDbClient dynamo) {
        String table = env.get(TABLE);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(TABLE + " is not set: it must name the incidents table");
        }
        Clock clock = Clock.systemUTC();
        AlertRouting routing = AlertRoutingConfig.load(new ObjectMapper(), env.get(ALARM_ROUTES));
        return new Composition(new DynamoDbIncidentStore(dynamo, table, clock), routing,
                Boolean.parseBoolean(env.getOrDefault(AUTO_RESOLVE, "false")), clock);
    }

    private static DynamoDbClient dynamoFromEnvironment(Map<String, String> env) {
        var builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = env.get(DYNAMODB_ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    public ObjectMapper json() {
        return json;
    }

    public IncidentStore store() {
        return store;
    }

    public AlertIntakeService alertIntake() {
        return alertIntake;
    }

    public IncidentService incidents() {
        return incidents;
    }
}
