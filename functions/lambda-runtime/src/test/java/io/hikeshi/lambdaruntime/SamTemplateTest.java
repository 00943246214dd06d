package io.hikeshi.lambdaruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(Path.of("template.yaml"));

    @Test
    void everyFunction_hasAJavaHandlerAndAnArtifact_asSamWouldDeployIt() {
        List<SamTemplate.Function> functions = TEMPLATE.functions();
        assertFalse(functions.isEmpty());
        for (SamTemplate.Function f : functions) {
            assertTrue(f.handler().matches("[\\w.$]+::\\w+"), f.logicalId() + " handler " + f.handler());
            assertTrue(f.codeUri() != null && !f.codeUri().isBlank(), f.logicalId() + " has a CodeUri");
            assertTrue(f.runtime().startsWith("java"), f.logicalId() + " runs on " + f.runtime());
            assertTrue(f.memorySize() >= 128 && f.timeout() >= 1, f.logicalId() + " memory and timeout from Globals");
        }
    }

    @Test
    void everyFunction_isBuiltByTheHandlersMakefile_whichNamesItsArtifact() throws IOException {
        // GIVEN the template and functions/handlers/Makefile, the one place that says which artifact a function runs from
        String makefile = Files.readString(Path.of("functions/handlers/Makefile"));
        for (SamTemplate.Function f : TEMPLATE.functions()) {
            // THEN `sam build` builds each function through its make target, which names a jar
            assertEquals("makefile", f.buildMethod(), f.logicalId() + " Metadata.BuildMethod");
            assertEquals("functions/handlers/", f.codeUri(), f.logicalId() + " CodeUri is the Makefile's folder");
            assertTrue(makefile.matches("(?s).*\\nbuild-" + f.logicalId() + ": artifact = hikeshi-[a-z]+\\.jar\\n.*"),
                    "the Makefile names " + f.logicalId() + "'s artifact");
        }
    }

    @Test
    void aFunctionSamBuilds_runsFromItsFolderInSamsBuildOutput_andSaysHowToBuildItWhenMissing() throws IOException {
        // GIVEN a function built by a Makefile
        SamTemplate yaml = load("""
                Resources:
                  OneFunction:
                    Type: AWS::Serverless::Function
                    Metadata:
                      BuildMethod: makefile
                    Properties:
                      Runtime: java21
                      Handler: a.B::handleRequest
                      CodeUri: code/
                """);
        SamTemplate.Function function = yaml.function("OneFunction").orElseThrow();
        // WHEN nothing was built THEN the error says to run sam build
        var missing = assertThrows(Artifact.MissingArtifact.class, () -> Artifact.of(yaml, function));
        assertTrue(missing.getMessage().endsWith("sam build"), missing.getMessage());
        // WHEN sam build made its folder THEN that folder is the code, not CodeUri
        Path built = Files.createDirectories(dir.resolve(".aws-sam/build/OneFunction/lib"));
        assertEquals(built.getParent(), Artifact.of(yaml, function));
    }

    @Test
    void functionEnvironment_mergesGlobalsWithItsOwnVariables() {
        SamTemplate yaml = load("""
                Globals:
                  Function:
                    Runtime: java21
                    MemorySize: 512
                    Timeout: 30
                    Environment:
                      Variables:
                        SHARED: one
                        OVERRIDDEN: global
                Resources:
                  A:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      CodeUri: a/target/a.jar
                      Timeout: 120
                      Environment:
                        Variables:
                          OVERRIDDEN: own
                          QUEUE: !Ref Q
                """);
        SamTemplate.Function a = yaml.function("A").orElseThrow();
        assertEquals(Map.of("SHARED", "one", "OVERRIDDEN", "own", "QUEUE", Map.of("Ref", "Q")), a.environment());
        assertEquals(512, a.memorySize());
        assertEquals(120, a.timeout());
        assertEquals("java21", a.runtime());
    }

    @Test
    void shortFormIntrinsics_readAsTheirLongForms() {
        SamTemplate yaml = load("""
                Resources:
                  R:
                    Type: AWS::SQS::Queue
                    Properties:
                      A: !GetAtt T.StreamArn
                      B: !Sub "x-${P}"
                      C: !Sub ["${a}-${b}", {a: !Ref P, b: 2}]
                      D: !Join [",", [!Ref P, z]]
                """);
        Map<String, Object> p = yaml.properties("R");
        assertEquals(Map.of("Fn::GetAtt", List.of("T", "StreamArn")), p.get("A"));
        assertEquals(Map.of("Fn::Sub", "x-${P}"), p.get("B"));
        assertEquals(Map.of("Fn::Sub", List.of("${a}-${b}", Map.of("a", Map.of("Ref", "P"), "b", 2))), p.get("C"));
        assertEquals(Map.of("Fn::Join", List.of(",", List.of(Map.of("Ref", "P"), "z"))), p.get("D"));
    }

    @TempDir
    Path dir;

    private SamTemplate load(String yaml) {
        try {
            Path file = dir.resolve("template.yaml");
            Files.writeString(file, yaml);
            return SamTemplate.load(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
