package io.hikeshi.core.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.postmortem.PostmortemRepository;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.warroom.WarRoomRepository;
import java.util.Set;

/** The read model only reads: the figures and the web page can never change an incident. */
@AnalyzeClasses(packages = "io.hikeshi.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ReportArchitectureTest {

    private static final DescribedPredicate<JavaMethodCall> A_WRITE = DescribedPredicate.describe("a write through a port",
            call -> writes(call, IncidentRepository.class, Set.of("commit", "nextId"))
                    || writes(call, PostmortemRepository.class, Set.of("save"))
                    || writes(call, WarRoomRepository.class, Set.of("save", "linkChannel")));

    @ArchTest
    static final ArchRule reportNeverWrites = noClasses()
            .that().resideInAPackage("io.hikeshi.core.report..")
            .should().callMethodWhere(A_WRITE)
            .orShould().dependOnClassesThat().belongToAnyOf(Change.class);

    private static boolean writes(JavaMethodCall call, Class<?> port, Set<String> writers) {
        return call.getTarget().getOwner().isAssignableTo(port) && writers.contains(call.getTarget().getName());
    }
}
