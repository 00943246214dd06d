package io.hikeshi.lambdaruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.slackstub.SlackSigner;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LambdaRuntimeTest {

    @Test
    void jvm_startsWithTheJava21RuntimesFlags_heapAt85PercentOfMemory() {
        List<String> flags = LambdaRuntime.jvmFlags(1024, Path.of("/x/libaws-lambda-jni.linux-x86_64.so"));
        assertTrue(flags.contains("-XX:MaxHeapSize=891289k"), flags.toString());
        assertTrue(flags.containsAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac")), flags.toString());
        assertTrue(flags.contains("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="
                + "/x/libaws-lambda-jni.linux-x86_64.so"));
    }

    @Test
    void runtimeClasspath_isTheRuntimeInterfaceClientAndItsLibraries_notTheFunctionsCode() {
        List<Path> jars = LambdaRuntime.runtimeClasspath();
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("aws-lambda-java-core-")), jars.toString());
        assertTrue(jars.stream().allMatch(Files::isRegularFile));
        assertFalse(jars.stream().anyMatch(j -> j.toString().contains("hikeshi")), jars.toString());
    }

    @Test
    void aFunctionError_isLambdasErrorObjectWithoutItsStackTrace() {
        LambdaRuntime.Invocation error = LambdaRuntime.invocation(
                "{\"errorMessage\":\"detail.state is missing\",\"errorType\":\"x.InvalidEventException\",\"stackTrace\":[\"a\"]}");
        assertTrue(error.functionError());
        assertEquals("{\"errorType\":\"x.InvalidEventException\",\"errorMessage\":\"detail.state is missing\"}", error.response());
        LambdaRuntime.Invocation ok = LambdaRuntime.invocation("{\n  \"relayed\" : 1\n}");
        assertFalse(ok.functionError());
        assertEquals("{\"relayed\":1}", ok.response());
    }

    @Test
    void listeningPorts_findThePortAProcessBoundOnPortZero() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Set<Integer> ports = ListeningPorts.of(ProcessHandle.current().pid());
            assertTrue(ports.contains(socket.getLocalPort()), ports + " lacks " + socket.getLocalPort());
        }
    }

    @Test
    void listeningPorts_readOnlyListeningRowsOfTheProcesssSockets() {
        List<String> table = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:B6A9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000 100 0 0 10 0",
                "   1: 0100007F:8CB9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9999 1 0000 100 0 0 10 0",
                "   2: 0100007F:B6A9 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 4243 1 0000 20 4 30 10 -1");
        assertEquals(Set.of(0xB6A9), ListeningPorts.listening(table, Set.of("4242", "4243")));
    }

    @Test
    void slackRequests_areSignedNow_overTheDecodedBody_asSlackSigns() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("events/apigw-slack-command-declare.json"));
        byte[] signed = SlackSigning.signNow(sample, "local-signing-secret", 1_800_000_000L);
        var event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(signed);
        String body = new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8);
        assertEquals("1800000000", event.path("headers").path("x-slack-request-timestamp").asText());
        assertEquals(SlackSigner.signature("local-signing-secret", 1_800_000_000L, body),
                event.path("headers").path("x-slack-signature").asText());
        byte[] alarm = Files.readAllBytes(Path.of("events/alarm-metric-alarm.json"));
        assertEquals(new String(alarm, StandardCharsets.UTF_8),
                new String(SlackSigning.signNow(alarm, "s", 1L), StandardCharsets.UTF_8), "not a Slack request: unchanged");
    }

    @Test
    void aMissingArtifact_namesTheCommandThatBuildsIt() {
        assertEquals(". bin/java-env && mvn -B -q -DskipTests package -pl functions/handlers -am",
                Artifact.buildCommand("functions/handlers/target/hikeshi-handlers.jar"));
    }
}
