package io.hikeshi.handlers;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The hexagon's walls beyond the core: adapters do not reach into each other, entry points only
 * translate, and only the wiring builds adapters. (The core's own walls: the core's ArchitectureTest.)
 */
@AnalyzeClasses(packages = "io.hikeshi", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    /** The functions' entry points, one package per group of functions sharing an artifact. */
    private static final String[] ENTRY_POINTS = {"io.hikeshi.handlers.alerts..", "io.hikeshi.handlers.events..",
            "io.hikeshi.handlers.slack..", "io.hikeshi.handlers.web.."};

    @ArchTest
    static final ArchRule slackAdapterKnowsNothingOfAws = noClasses().that().resideInAPackage("io.hikeshi.slack..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", "io.hikeshi.aws..");

    @ArchTest
    static final ArchRule awsAdaptersKnowNothingOfSlack = noClasses().that().resideInAPackage("io.hikeshi.aws..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "io.hikeshi.slack..");

    @ArchTest
    static final ArchRule adaptersDoNotCallTheEntryPoints = noClasses().that()
            .resideInAnyPackage("io.hikeshi.core..", "io.hikeshi.aws..", "io.hikeshi.slack..")
            .should().dependOnClassesThat().resideInAPackage("io.hikeshi.handlers..");

    /** Only local mode and the benchmarks (other modules, not deployed) may use the entry points. */
    @ArchTest
    static final ArchRule nothingDeployedDependsOnTheEntryPoints = noClasses().that()
            .resideOutsideOfPackages("io.hikeshi.handlers..", "io.hikeshi.local..", "io.hikeshi.bench..")
            .should().dependOnClassesThat().resideInAPackage("io.hikeshi.handlers..");

    /** The Slack, web and ingest adapters work through the core's services, never the storage ports beneath them. */
    @ArchTest
    static final ArchRule drivingAdaptersDoNotUseTheStorePorts = noClasses().that()
            .resideInAnyPackage("io.hikeshi.slack..", "io.hikeshi.web..", "io.hikeshi.ingest..")
            .should().dependOnClassesThat().resideInAPackage("io.hikeshi.core.store..");

    /** An entry point translates an event into one core call: the storage behind that call is the wiring's business. */
    @ArchTest
    static final ArchRule entryPointsDoNotTouchStorage = noClasses().that().resideInAnyPackage(ENTRY_POINTS)
            .should().dependOnClassesThat().resideInAnyPackage("io.hikeshi.core.store..", "io.hikeshi.aws.dynamodb..",
                    "software.amazon.awssdk.services.dynamodb..");

    /** Adapters are built in one place (the wiring), so each function's clients and secrets are chosen there. */
    @ArchTest
    static final ArchRule onlyTheWiringBuildsAdapters = noClasses().that().resideInAnyPackage(ENTRY_POINTS)
            .or().resideInAPackage("io.hikeshi.handlers.lambda..")
            .should().callConstructorWhere(target(owner(resideInAPackage("io.hikeshi.aws.."))))
            .orShould().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services..");

    /**
     * Each group of functions is its own artifact (functions/handlers/Makefile names it for sam build),
     * holding only its own entry points: one group's classes calling another's would fail in Lambda
     * with a missing class.
     */
    @ArchTest
    static final ArchRule alertsStandAlone = groupStandsAlone("alerts");
    @ArchTest
    static final ArchRule eventsStandAlone = groupStandsAlone("events");
    @ArchTest
    static final ArchRule slackStandsAlone = groupStandsAlone("slack");
    @ArchTest
    static final ArchRule webStandsAlone = groupStandsAlone("web");

    private static ArchRule groupStandsAlone(String group) {
        String own = "io.hikeshi.handlers." + group + "..";
        String[] others = Arrays.stream(ENTRY_POINTS).filter(p -> !p.equals(own)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(own).should().dependOnClassesThat().resideInAnyPackage(others);
    }
}
