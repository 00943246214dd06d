package io.hikeshi.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core is the domain and its ports: it depends on the JDK and nothing else. */
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
}
