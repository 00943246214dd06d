package io.hikeshi.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core is the domain and its ports: it depends on the JDK and nothing else, each domain keeps to
 * its own business, and words are rendered from the one catalogue, never built by the writers.
 */
@AnalyzeClasses(packages = "io.hikeshi.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreDoesNotUseAwsSlackOrJackson = noClasses()
            .that().resideInAPackage("io.hikeshi.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "software.amazon..", "com.amazonaws..", "com.slack..", "com.fasterxml..");

    @ArchTest
    static final ArchRule coreDependsOnlyOnTheJdk = classes()
            .that().resideInAPackage("io.hikeshi.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.hikeshi.core..", "java..", "javax.crypto..")
            .because("the core is deployed into every function and must stay free of libraries");

    @ArchTest
    static final ArchRule theWarRoomFlowKnowsNoOtherDomain = noClasses()
            .that().resideInAPackage("io.hikeshi.core.warroom..")
            .should().dependOnClassesThat().resideInAnyPackage("io.hikeshi.core.alert..", "io.hikeshi.core.postmortem..",
                    "io.hikeshi.core.report..")
            .because("the war room reacts to domain events; it neither decides alerts nor drafts postmortems");

    @ArchTest
    static final ArchRule writersStoreFactsNotSentences = noClasses()
            .that().resideInAnyPackage("io.hikeshi.core.incident..", "io.hikeshi.core.alert..")
            .and().haveSimpleNameEndingWith("Service")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.hikeshi.core.i18n.Messages")
            .because("a timeline entry stores its kind and parameters; words are chosen when someone reads it");

    @ArchTest
    static final ArchRule oneCatalogue = noClasses()
            .that().doNotHaveFullyQualifiedName("io.hikeshi.core.i18n.Messages")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.util.ResourceBundle")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.text.MessageFormat")
            .because("every word a person reads comes from the one catalogue, in their language");

    @ArchTest
    static final ArchRule domainsDoNotReachIntoTheReadModel = noClasses()
            .that().resideOutsideOfPackage("io.hikeshi.core.report..")
            .should().dependOnClassesThat().resideInAPackage("io.hikeshi.core.report..")
            .because("report/ reads what the domains wrote; nothing the domains decide may depend on it");
}
