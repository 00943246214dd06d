package io.hikeshi.handlers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hexagon's walls beyond the core: adapters do not reach into each other. */
@AnalyzeClasses(packages = "io.hikeshi", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

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
}
