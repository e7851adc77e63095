package io.arcml.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.PipelineSpec;
import io.arcml.resource.PipelineStepSpec;
import io.arcml.resource.SweepSpec;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One writer per wire shape for Azure ML's jobs: the bodies are records bound by the one mapper
 * ({@code io.arcml.resource.*JobJson}, the ARM transport's node, component, environment and asset
 * records), each written by its {@code of(..)}; no class that reads a job builds a JSON tree or a
 * map body by hand beside them, where a second copy of a shape could drift from the first.
 */
class OneWriterPerShapeTest {
    private static final Set<String> JOB_SPECS = Set.of(
            CommandSpec.class.getName(),
            SweepSpec.class.getName(),
            PipelineSpec.class.getName(),
            PipelineStepSpec.class.getName());

    /** Classes that read a command, sweep or pipeline as a control plane receives it. */
    private static final DescribedPredicate<JavaClass> READ_A_JOB = DescribedPredicate.describe(
            "read a job spec",
            c -> c.getDirectDependenciesFromSelf().stream()
                    .anyMatch(d -> JOB_SPECS.contains(d.getTargetClass().getName())));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.arcml");

    @Test
    void noClassThatReadsAJobBuildsAJsonTreeByHand() {
        noClasses()
                .that(resideInAnyPackage("io.arcml.resource..", "io.arcml.transport.."))
                .and(READ_A_JOB)
                .should()
                .callMethodWhere(target(owner(assignableTo(ObjectNode.class)))
                        .and(target(nameMatching("put.*|set.*|remove|replace|retain|without"))))
                .orShould()
                .callMethodWhere(target(name("createObjectNode")))
                .because("a job's wire shapes are records written by the one mapper, built with the placed asset IDs,"
                        + " not trees patched after writing")
                .check(CLASSES);
    }

    @Test
    void theSpecsWriteTheirRestShapesThroughTheirRecords() {
        noClasses()
                .that(resideInAPackage("io.arcml.resource"))
                .and(simpleNameEndingWith("Spec"))
                .should()
                .callMethodWhere(target(owner(assignableTo(Map.class))).and(target(nameMatching("put|putIfAbsent"))))
                .because("serialize() converts the shape's record (io.arcml.resource.*Json) with the one mapper")
                .check(CLASSES);
    }
}
