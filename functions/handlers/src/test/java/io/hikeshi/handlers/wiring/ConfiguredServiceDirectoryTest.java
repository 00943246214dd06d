package io.hikeshi.handlers.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.warroom.ServiceDirectory.ResponseGuide;
import io.hikeshi.core.warroom.ServiceDirectory.ServiceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Services and response guides as the team writes them in infrastructure/config and infrastructure/guides. */
class ConfiguredServiceDirectoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tests run from the repository root (see the surefire workingDirectory in functions/handlers/pom.xml). */
    private static final Path REPO_SERVICES = Path.of("infrastructure/config/services.json");
    private static final Path REPO_GUIDES = Path.of("infrastructure/guides");

    @TempDir
    Path tmp;
    private Path guides;
    private Path services;

    @BeforeEach
    void files() throws IOException {
        guides = Files.createDirectories(tmp.resolve("guides"));
        services = tmp.resolve("services.json");
        write(services, """
                {"default": {"ownerUsers": ["U0ONCALL"], "ownerUserGroups": ["S0SRE"],
                             "runbookUrl": "https://wiki.example.jp/runbooks/general", "dashboardUrl": null},
                 "services": {"svc": {"ownerUsers": ["U0ALICE"], "dashboardUrl": "https://example.jp/d/svc"}}}
                """);
        write(guides.resolve("default.md"), """
                # Default

                ## SEV1
                - [ ] default sev1

                ## Any
                - [ ] default any
                """);
    }

    private ConfiguredServiceDirectory load() {
        return ConfiguredServiceDirectory.load(JSON, services.toString(), guides.toString());
    }

    @Test
    void guide_fallsBackToAny_thenToDefault() throws IOException {
        write(guides.resolve("svc.md"), """
                # Svc
                ## SEV2
                - [ ] svc sev2
                ## Any
                - [ ] svc any
                """);
        write(guides.resolve("other.md"), """
                # Other
                ## SEV3
                - [ ] other sev3
                """);
        ConfiguredServiceDirectory directory = load();

        assertEquals(new ResponseGuide("Svc — SEV2", List.of("svc sev2"), "infrastructure/guides/svc.md"),
                directory.guide("svc", Severity.SEV2), "the service's own section");
        assertEquals(new ResponseGuide("Svc — SEV1", List.of("svc any"), "infrastructure/guides/svc.md"),
                directory.guide("svc", Severity.SEV1), "the service's Any section beats default's SEV1");
        assertEquals(new ResponseGuide("Other — SEV3", List.of("other sev3"), "infrastructure/guides/other.md"),
                directory.guide("other", Severity.SEV3));
        assertEquals(new ResponseGuide("Default — SEV1", List.of("default sev1"), "infrastructure/guides/default.md"),
                directory.guide("other", Severity.SEV1), "no SEV1 and no Any in other.md: default's SEV1");
        assertEquals(new ResponseGuide("Default — SEV4", List.of("default any"), "infrastructure/guides/default.md"),
                directory.guide("other", Severity.SEV4), "then default's Any");
        assertEquals(List.of("default any"), directory.guide("no-guide-at-all", Severity.SEV2).steps());
    }

    @Test
    void guide_parsesHeadingsCaseInsensitively_andEveryItemStyle() throws IOException {
        write(guides.resolve("svc.md"), """
                \uFEFF# Svc response ##

                Prose before the sections is ignored.
                - not in a section

                ## sev1 — critical
                Some prose about SEV1.

                - [ ] unchecked
                - [x] checked
                - [X] checked upper
                - plain [link](https://example.jp/runbook)
                * star item
                  continued on the next line
                - [ ]
                ### A sub-heading stays in the section
                - after sub-heading

                ```
                - not a step, inside a code fence
                ```

                ## Notes
                - not a step either

                ##   ANY
                - any step
                ## SEV12
                - a typo is not SEV1
                """);
        ResponseGuide sev1 = load().guide("svc", Severity.SEV1);

        assertEquals("Svc response — SEV1", sev1.title());
        assertEquals(List.of("unchecked", "checked", "checked upper", "plain [link](https://example.jp/runbook)",
                "star item continued on the next line", "after sub-heading"), sev1.steps());
        assertEquals(List.of("any step"), load().guide("svc", Severity.SEV3).steps());
    }

    @Test
    void guide_takesNumberedItemsAsSteps_eachOneCheckbox_andLeavesProseAndDecimalsAlone() throws IOException {
        write(guides.resolve("svc.md"), """
                # Svc

                ## SEV2
                The commander reads this first; it is not a step.
                1. Acknowledge
                2) Take command
                   with `/incident commander`
                10. [ ] Post an update
                3.5 is no item either
                """);

        assertEquals(List.of("Acknowledge", "Take command with `/incident commander`", "Post an update"),
                load().guide("svc", Severity.SEV2).steps());
    }

    @Test
    void guide_withoutTitle_isNamedAfterTheFile_andEmptySectionsFallThrough() throws IOException {
        write(guides.resolve("svc.md"), """
                ## SEV1
                - step one
                ## SEV2
                (nothing yet)
                """);
        ConfiguredServiceDirectory directory = load();

        assertEquals("svc — SEV1", directory.guide("svc", Severity.SEV1).title());
        assertEquals("infrastructure/guides/default.md", directory.guide("svc", Severity.SEV2).source());
    }

    @Test
    void guide_isReadOnce_andCachedPerServiceAndSeverity() throws IOException {
        write(guides.resolve("svc.md"), "# Svc\n## SEV1\n- first version\n");
        ConfiguredServiceDirectory directory = load();
        ResponseGuide first = directory.guide("svc", Severity.SEV1);

        write(guides.resolve("svc.md"), "# Svc\n## SEV1\n- second version\n");
        Files.delete(guides.resolve("svc.md"));

        assertSame(first, directory.guide("svc", Severity.SEV1));
    }

    @Test
    void guides_areReadOncePerFile() {
        RecordingSource source = new RecordingSource(Map.of(
                "default", "# D\n## Any\n- d\n",
                "svc", "# S\n## SEV1\n- s\n"));
        ConfiguredServiceDirectory directory = new ConfiguredServiceDirectory(
                ConfiguredServiceDirectory.loadServices(JSON, services.toString()), source);
        for (int i = 0; i < 3; i++) {
            for (Severity severity : Severity.values()) {
                directory.guide("svc", severity);
                directory.guide("unknown", severity);
            }
        }
        assertEquals(List.of("default", "svc", "unknown"), source.reads);
    }

    @Test
    void profile_ofAConfiguredService_inheritsOnlyTheFieldsItLeavesOut() {
        ServiceProfile svc = load().profile("svc");

        assertEquals(new ServiceProfile("svc", List.of("U0ALICE"), List.of("S0SRE"),
                "https://wiki.example.jp/runbooks/general", "https://example.jp/d/svc"), svc);
    }

    @Test
    void profile_ofAnUnknownService_isTheDefaultUnderItsOwnName() {
        assertEquals(new ServiceProfile("billing", List.of("U0ONCALL"), List.of("S0SRE"),
                "https://wiki.example.jp/runbooks/general", null), load().profile("billing"));
    }

    @Test
    void repositoryConfig_givesPaymentApiOwners_andASev1GuideForEveryService() {
        ConfiguredServiceDirectory directory = ConfiguredServiceDirectory.load(JSON, REPO_SERVICES.toString(), REPO_GUIDES.toString());

        ServiceProfile payments = directory.profile("payment-api");
        assertEquals(List.of("U0ALICE"), payments.ownerUsers());
        assertEquals(List.of("S0PAYMENTS"), payments.ownerUserGroups());
        assertEquals("https://wiki.example.jp/runbooks/payment-api", payments.runbookUrl());
        assertTrue(payments.dashboardUrl().contains("region=ap-northeast-1"), payments.dashboardUrl());

        assertTrue(directory.services().containsAll(List.of("payment-api", "ride-booking", "unlock", "checkout")),
                directory.services().toString());
        for (String service : directory.services()) {
            ResponseGuide sev1 = directory.guide(service, Severity.SEV1);
            assertFalse(sev1.steps().isEmpty(), service);
            assertTrue(sev1.title().endsWith(" — SEV1"), sev1.title());
            assertTrue(Files.isRegularFile(Path.of(sev1.source())), sev1.source());
        }
        assertEquals("infrastructure/guides/payment-api.md", directory.guide("payment-api", Severity.SEV1).source());
        assertEquals("infrastructure/guides/payment-api.md", directory.guide("payment-api", Severity.SEV4).source(),
                "payment-api's Any section");
        assertEquals("infrastructure/guides/default.md", directory.guide("ride-booking", Severity.SEV3).source());
    }

    @Test
    void bundledConfig_isTheRepositoryConfig() {
        ConfiguredServiceDirectory bundled = ConfiguredServiceDirectory.load(JSON, null, " ");
        ConfiguredServiceDirectory repository = ConfiguredServiceDirectory.load(JSON, REPO_SERVICES.toString(), REPO_GUIDES.toString());

        assertEquals(repository.services(), bundled.services());
        for (String service : repository.services()) {
            assertEquals(repository.profile(service), bundled.profile(service));
            for (Severity severity : Severity.values()) {
                assertEquals(repository.guide(service, severity), bundled.guide(service, severity), service + " " + severity);
            }
        }
    }

    @Test
    void repositoryGuides_haveFourToEightBilingualStepsInEverySection() throws IOException {
        Pattern japanese = Pattern.compile(".*[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}].*");
        try (var files = Files.list(REPO_GUIDES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                String name = file.getFileName().toString().replace(".md", "");
                var guide = ConfiguredServiceDirectory.GuideFile.parse(name, Files.readString(file));
                assertFalse(guide.title().equals(name), file + " has a # title");
                List<List<String>> sections = new ArrayList<>(guide.sections().values());
                if (!guide.any().isEmpty()) {
                    sections.add(guide.any());
                }
                assertFalse(sections.isEmpty(), file + " has sections");
                for (List<String> steps : sections) {
                    assertTrue(steps.size() >= 4 && steps.size() <= 8, file + ": " + steps.size() + " steps in " + steps);
                    for (String step : steps) {
                        assertTrue(step.contains(" / ") && japanese.matcher(step).matches(), file + ": not bilingual: " + step);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../etc", "..", "../../etc/passwd", "/etc/passwd", "svc/../../etc", "..\\etc", "Svc", "svc.md",
            "-svc", " svc", "svc\u0000", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void invalidServiceNames_getTheDefaultProfileAndGuide_withoutReadingAnyFile(String service) throws IOException {
        write(tmp.resolve("etc.md"), "# Secret\n## Any\n- [ ] outside the guides directory\n");
        ConfiguredServiceDirectory fromDisk = load();
        ResponseGuide defaultGuide = fromDisk.guide("unknown", Severity.SEV2);

        assertEquals(defaultGuide, fromDisk.guide(service, Severity.SEV2));
        ServiceProfile profile = fromDisk.profile(service);
        assertEquals(service, profile.service());
        assertEquals(List.of("U0ONCALL"), profile.ownerUsers());

        RecordingSource source = new RecordingSource(Map.of("default", "# D\n## Any\n- d\n"));
        ConfiguredServiceDirectory recorded = new ConfiguredServiceDirectory(
                ConfiguredServiceDirectory.loadServices(JSON, services.toString()), source);
        recorded.guide(service, Severity.SEV1);
        assertEquals(List.of("default"), source.reads, "only default.md, read at load");
    }

    @Test
    void load_withoutDefaultGuide_failsNamingTheFile() throws IOException {
        Files.delete(guides.resolve("default.md"));

        IllegalStateException e = assertThrows(IllegalStateException.class, this::load);
        assertTrue(e.getMessage().contains(guides.resolve("default.md").toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no default response guide"), e.getMessage());
    }

    @Test
    void load_withADefaultGuideThatMissesASeverity_failsNamingIt() throws IOException {
        write(guides.resolve("default.md"), "# Default\n## SEV1\n- a\n## SEV2\n- b\n## SEV3\n- c\n");

        IllegalStateException e = assertThrows(IllegalStateException.class, this::load);
        assertTrue(e.getMessage().contains("default.md has no steps for SEV4"), e.getMessage());
    }

    @Test
    void load_withAMissingGuidesDirectory_failsNamingIt() {
        Path missing = tmp.resolve("nope");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ConfiguredServiceDirectory.load(JSON, services.toString(), missing.toString()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void load_withMalformedJson_failsNamingTheFile() throws IOException {
        write(services, "{\"services\": {\"svc\": {\"ownerUsers\": [\"U0ALICE\"]");

        IllegalStateException e = assertThrows(IllegalStateException.class, this::load);
        assertTrue(e.getMessage().contains(services.toString()), e.getMessage());
    }

    @Test
    void load_withInvalidFields_failsNamingTheFileAndField() throws IOException {
        assertLoadFails("{\"services\": {\"svc\": {\"ownerUsers\": [\"@alice\"]}}}", "services.svc.ownerUsers[0]");
        assertLoadFails("{\"services\": {\"svc\": {\"ownerUserGroups\": \"S0X\"}}}", "services.svc.ownerUserGroups");
        assertLoadFails("{\"services\": {\"svc\": {\"runbookUrl\": \"wiki/svc\"}}}", "services.svc.runbookUrl");
        assertLoadFails("{\"services\": {\"svc\": {\"owners\": []}}}", "services.svc.owners: unknown field");
        assertLoadFails("{\"services\": {\"../etc\": {}}}", "services.../etc");
        assertLoadFails("{\"default\": [], \"services\": {}}", "default");
        assertLoadFails("[]", "expected a JSON object");
        assertLoadFails("", "is empty");
    }

    @Test
    void load_withoutDefaultProfile_usesAnEmptyOne() throws IOException {
        write(services, "{\"services\": {\"svc\": {}}}");
        ServiceProfile unknown = load().profile("x");

        assertEquals(List.of(), unknown.ownerUsers());
        assertNull(unknown.runbookUrl());
    }

    private void assertLoadFails(String json, String expected) throws IOException {
        write(services, json);
        IllegalStateException e = assertThrows(IllegalStateException.class, this::load, json);
        assertTrue(e.getMessage().contains(services.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    /** A guide source that records which names were asked for. */
    private static final class RecordingSource implements ConfiguredServiceDirectory.GuideSource {
        private final Map<String, String> texts;
        final List<String> reads = new ArrayList<>();

        RecordingSource(Map<String, String> texts) {
            this.texts = texts;
        }

        @Override
        public synchronized Optional<String> read(String name) {
            reads.add(name);
            return Optional.ofNullable(texts.get(name));
        }

        @Override
        public String describe(String name) {
            return "memory:" + name + ".md";
        }
    }
}
