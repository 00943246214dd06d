package io.hikeshi.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.hikeshi.core.alert.AlertStates;
import io.hikeshi.core.event.Outbox;
import io.hikeshi.core.event.SideEffectLedger;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.incident.IncidentSearch;
import io.hikeshi.core.people.PeopleDirectory;
import io.hikeshi.core.postmortem.PostmortemRepository;
import io.hikeshi.core.store.Counters;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.warroom.WarRoomRepository;

/** The web module is an adapter: it reads through the core's services, and needs nothing but the core and JTE. */
@AnalyzeClasses(packages = "io.hikeshi.web", importOptions = ImportOption.DoNotIncludeTests.class)
class WebArchitectureTest {

    @ArchTest
    static final ArchRule webDependsOnTheCoreAndJteOnly = classes()
            .that().resideInAPackage("io.hikeshi.web..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.hikeshi.web..", "io.hikeshi.core..", "gg.jte..", "java..")
            .because("the page is served by a Lambda function and by local mode alike: no AWS SDK, no Slack, no JSON library");

    @ArchTest
    static final ArchRule webNeverTouchesAStorePort = noClasses()
            .that().resideInAPackage("io.hikeshi.web..")
            .should().dependOnClassesThat().belongToAnyOf(Storage.class, IncidentRepository.class, IncidentSearch.class,
                    PostmortemRepository.class, WarRoomRepository.class, AlertStates.class, Outbox.class,
                    SideEffectLedger.class, Counters.class, PeopleDirectory.class)
            .because("what the page shows is read through the core's IncidentBrowser");
}
