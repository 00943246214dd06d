package io.hikeshi.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The artifacts template.yaml deploys, as {@code mvn verify} packaged them (sam build copies each function's
 * jar, named by functions/handlers/Makefile): each holds its function's handler and leaves out what that
 * function must not carry.
 */
class ArtifactsIT {

    /** What a function's artifact must not contain, by the function's group (the handler's package). */
    private static final Map<String, List<String>> LEFT_OUT = Map.of(
            "alerts.AlarmIngestHandler", List.of("com/slack/", "io/hikeshi/slack/", "io/hikeshi/web/", "gg/jte/",
                    "software/amazon/awssdk/services/ssm/", "io/hikeshi/aws/ssm/", "software/amazon/awssdk/services/sns/",
                    "software/amazon/awssdk/services/sqs/", "software/amazon/awssdk/services/scheduler/",
                    "software/amazon/awssdk/services/eventbridge/", "io/hikeshi/handlers/slack/", "io/hikeshi/handlers/web/"),
            "alerts.WebhookHandler", List.of("com/slack/", "io/hikeshi/slack/", "io/hikeshi/web/", "gg/jte/",
                    "io/hikeshi/handlers/slack/", "io/hikeshi/handlers/web/"),
            "events.", List.of("com/slack/", "io/hikeshi/slack/", "io/hikeshi/web/", "software/amazon/awssdk/services/ssm/",
                    "io/hikeshi/handlers/slack/", "io/hikeshi/handlers/alerts/"),
            "slack.", List.of("io/hikeshi/web/", "gg/jte/", "io/hikeshi/ingest/", "io/hikeshi/handlers/alerts/",
                    "io/hikeshi/handlers/web/"),
            "web.", List.of("com/slack/", "io/hikeshi/slack/", "io/hikeshi/ingest/", "io/hikeshi/handlers/slack/",
                    "io/hikeshi/handlers/alerts/"));

    @Test
    void everyFunctionsArtifact_holdsItsHandler_andLeavesOutWhatItMustNotCarry() throws IOException {
        // GIVEN every function of template.yaml, its handler and the artifact the Makefile builds it from
        Map<String, JsonNode> functions = functions();
        assertFalse(functions.isEmpty());
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            String handlerClass = function.getValue().path("Handler").asText().split("::")[0];
            Path artifact = artifactOf(function.getKey());
            // WHEN its artifact is opened
            assertTrue(Files.isRegularFile(artifact), function.getKey() + ": " + artifact + " is not built");
            try (JarFile jar = new JarFile(artifact.toFile())) {
                // THEN the handler is in it, and nothing its group must not carry
                assertTrue(jar.getEntry(handlerClass.replace('.', '/') + ".class") != null,
                        function.getKey() + ": " + artifact + " lacks " + handlerClass);
                List<String> leftOut = leftOut(handlerClass);
                List<String> found = jar.stream().map(e -> e.getName())
                        .filter(name -> leftOut.stream().anyMatch(name::startsWith)).limit(5).toList();
                assertEquals(List.of(), found, function.getKey() + ": " + artifact + " carries what it must not");
            }
        }
    }

    @Test
    void eachGroupOfFunctions_isDeployedFromItsOwnArtifact() {
        // GIVEN every function's handler package and artifact
        Map<String, String> artifactByGroup = new TreeMap<>();
        for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
            String handler = function.getValue().path("Handler").asText().split("::")[0];
            String group = handler.substring(0, handler.lastIndexOf('.'));
            String artifact = artifactOf(function.getKey()).toString();
            // WHEN they are grouped by handler package (each alert function alone: they carry different clients)
            String key = group.endsWith(".alerts") ? handler : group;
            String previous = artifactByGroup.putIfAbsent(key, artifact);
            // THEN one group, one artifact
            assertTrue(previous == null || previous.equals(artifact), key + " is deployed from two artifacts");
        }
        assertEquals(artifactByGroup.size(), Set.copyOf(artifactByGroup.values()).size(), "two groups share an artifact");
    }

    /** The jar functions/handlers/Makefile copies for a function ({@code build-<id>: artifact = <jar>}). */
    private static Path artifactOf(String logicalId) {
        try {
            Matcher m = Pattern.compile("(?m)^build-" + Pattern.quote(logicalId) + ": artifact = (\\S+)$")
                    .matcher(Files.readString(Path.of("functions/handlers/Makefile")));
            assertTrue(m.find(), "functions/handlers/Makefile names no artifact for " + logicalId);
            return Path.of("functions/handlers/target", m.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("functions/handlers/Makefile unreadable", e);
        }
    }

    private static List<String> leftOut(String handlerClass) {
        String relative = handlerClass.substring("io.hikeshi.handlers.".length());
        return LEFT_OUT.entrySet().stream().filter(e -> relative.startsWith(e.getKey())).findFirst()
                .map(Map.Entry::getValue).orElseThrow(() -> new AssertionError(handlerClass + " is in no known group"));
    }

    private static Map<String, JsonNode> functions() {
        try {
            JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(Path.of("template.yaml").toFile());
            Map<String, JsonNode> functions = new TreeMap<>();
            template.path("Resources").properties().forEach(r -> {
                if ("AWS::Serverless::Function".equals(r.getValue().path("Type").asText())) {
                    functions.put(r.getKey(), r.getValue().path("Properties"));
                }
            });
            return functions;
        } catch (IOException e) {
            throw new IllegalStateException("template.yaml unreadable", e);
        }
    }
}
