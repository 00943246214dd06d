package io.hikeshi.lambdaruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The template's resources and environment as a function gets them locally (DynamoDB Local; no AWS emulator here). */
class LocalCloudTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(Path.of("template.yaml"));
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(TEMPLATE, Map.of("StageName", "test"), null, null, LocalCloud.localSecrets());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void incidentsTable_isCreatedAsTheTemplateDeclaresIt() {
        String table = cloud.ref("IncidentsTable");
        TableDescription d = cloud.dynamo().describeTable(r -> r.tableName(table)).table();
        assertEquals("pk=HASH,sk=RANGE", d.keySchema().stream().map(k -> k.attributeName() + "=" + k.keyTypeAsString())
                .collect(Collectors.joining(",")));
        assertEquals("gsi1", d.globalSecondaryIndexes().get(0).indexName());
        assertEquals("ALL", d.globalSecondaryIndexes().get(0).projection().projectionTypeAsString());
        assertEquals("NEW_IMAGE", d.streamSpecification().streamViewTypeAsString());
        assertEquals("PAY_PER_REQUEST", d.billingModeSummary().billingModeAsString());
        assertEquals("expiresAt", cloud.dynamo().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().attributeName());
    }

    @Test
    void environment_isTheTemplatesResolvedToLocalResources_withLambdasOwnVariables() {
        SamTemplate.Function alarm = TEMPLATE.function("AlarmIngestFunction").orElseThrow();
        Map<String, String> env = cloud.environment(alarm);
        assertEquals(cloud.ref("IncidentsTable"), env.get("HIKESHI_TABLE"));
        assertEquals("false", env.get("HIKESHI_AUTO_RESOLVE_ON_OK"), "a parameter's Default");
        assertEquals(TEMPLATE.function("AlarmIngestFunction").orElseThrow().environment().get("JAVA_TOOL_OPTIONS"),
                env.get("JAVA_TOOL_OPTIONS"), "Globals");
        assertEquals("1024", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("AWS_Lambda_java21", env.get("AWS_EXECUTION_ENV"));
        assertEquals("/aws/lambda/" + LocalCloud.STACK + "-AlarmIngestFunction", env.get("AWS_LAMBDA_LOG_GROUP_NAME"),
                "LoggingConfig.LogGroup → the log group's name");
        assertTrue(env.get("AWS_ENDPOINT_URL_DYNAMODB").startsWith("http://127.0.0.1:"));
        assertFalse(env.containsKey("AWS_ENDPOINT_URL"), "no emulator given");
        assertEquals(cloud.slack().methodsUrlPrefix(), env.get("HIKESHI_SLACK_API_URL"));
    }

    @Test
    void intrinsics_resolveParametersPseudoParametersAndSubs() {
        assertEquals("hikeshi-test", cloud.resolve(Map.of("Fn::Sub", "hikeshi-${StageName}"), "test"));
        assertEquals("arn:aws:scheduler:ap-northeast-1:123456789012:schedule/g/*",
                cloud.resolve(Map.of("Fn::Sub", "arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/g/*"), "test"));
        assertEquals(cloud.ref("IncidentsTable") + "/index/gsi1",
                cloud.resolve(Map.of("Fn::Sub", "${IncidentsTable}/index/gsi1"), "test"));
        assertTrue(cloud.resolve(Map.of("Fn::GetAtt", java.util.List.of("ReminderFunction", "Arn")), "test").toString()
                .endsWith(":function:" + LocalCloud.STACK + "-ReminderFunction"));
    }

    @Test
    void aResourceOnlyTheEmulatorHas_isRefusedWithTheReason_whenThereIsNone() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cloud.ref("SlackTaskQueue"));
        assertTrue(e.getMessage().contains("no AWS emulator"), e.getMessage());
    }

    @Test
    void unknownNames_areRefusedWithWhereTheyWereUsed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cloud.resolve(Map.of("Ref", "NoSuchThing"), "X HIKESHI_Y"));
        assertTrue(e.getMessage().contains("X HIKESHI_Y") && e.getMessage().contains("NoSuchThing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalCloud.start(TEMPLATE, Map.of("NoSuchParameter", "1"), null, null, Map.of()));
    }
}
