package io.arcml.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.extension.AzureMLExtension;
import io.arcml.job.JobRun;
import io.arcml.operation.OperationGroup;
import io.arcml.operation.OperationPollers;
import io.arcml.operation.OperationTracker;
import io.arcml.operation.OperationWaiter;
import io.arcml.operation.Progress;
import io.arcml.pipeline.PipelineRun;
import io.arcml.run.HostedRun;
import io.arcml.sweep.SweepRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of sdk-core run one way: model and validation, then the user API, then the
 * transport SPI, then the transports (ARCHITECTURE.md, section "Layers"). A class that breaks
 * the rule fails this test with the dependency that breaks it.
 */
class LayersTest {
    /** The user API: handles that reach a control plane, and the internal helpers they wait and poll with. */
    static final DescribedPredicate<JavaClass> API = belongToAnyOf(
                    Workspace.class,
                    ComputeTarget.class,
                    KubernetesCompute.class,
                    AzureMLExtension.class,
                    JobRun.class,
                    SweepRun.class,
                    PipelineRun.class,
                    HostedRun.class,
                    OperationWaiter.class,
                    OperationPollers.class,
                    OperationTracker.class,
                    OperationGroup.class,
                    Progress.class)
            .or(topLevelClassNamed(
                    "io.arcml.sweep.HostedSweepRun",
                    "io.arcml.sweep.LaunchedSweepRun",
                    "io.arcml.pipeline.HostedPipelineRun",
                    "io.arcml.pipeline.LaunchedPipelineRun",
                    "io.arcml.operation.PollStep"))
            .or(resideInAnyPackage("io.arcml.operation", "io.arcml.run"))
            .as("the user API");

    static final DescribedPredicate<JavaClass> SPI =
            resideInAPackage("io.arcml.transport").as("the transport SPI");
    static final DescribedPredicate<JavaClass> TRANSPORTS =
            resideInAnyPackage("io.arcml.transport.*..").as("the transports");
    static final DescribedPredicate<JavaClass> MODEL = resideInAPackage("io.arcml..")
            .and(DescribedPredicate.not(API))
            .and(DescribedPredicate.not(SPI))
            .and(DescribedPredicate.not(TRANSPORTS))
            .as("model and validation");

    /** Classes (with their nested classes) of these names: the API's package-private implementations. */
    private static DescribedPredicate<JavaClass> topLevelClassNamed(String... names) {
        Set<String> wanted = Set.of(names);
        return DescribedPredicate.describe(
                "named " + wanted, c -> wanted.contains(c.getName().replaceAll("\\$.*", "")));
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.arcml");
    }

    @Test
    void layersRunOneWayFromModelThroughApiAndSpiToTransports() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Model")
                .definedBy(MODEL)
                .layer("API")
                .definedBy(API)
                .layer("SPI")
                .definedBy(SPI)
                .layer("Transports")
                .definedBy(TRANSPORTS)
                .whereLayer("Transports")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("API")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("SPI")
                .mayOnlyBeAccessedByLayers("API", "Transports")
                .whereLayer("Model")
                .mayOnlyBeAccessedByLayers("API", "SPI", "Transports")
                .check(classes);
    }

    @Test
    void transportsDoNotReachEachOther() {
        // io.arcml.transport.local only holds the deprecated alias of the embedded control plane's builder.
        slices().matching("io.arcml.transport.(*)..")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(
                        resideInAPackage("io.arcml.transport.local"), resideInAPackage("io.arcml.transport.embedded"))
                .check(classes);
    }

    /** Jobs, sweeps, pipelines and runs cross the SPI to every transport as its values ({@code io.arcml.resource}), never as the user's types. */
    @Test
    void theSpiAndTheTransportsReadJobsAsTheSpisValues() {
        noClasses()
                .that()
                .resideInAPackage("io.arcml.transport..")
                .should()
                .dependOnClassesThat(resideInAnyPackage("io.arcml.job..", "io.arcml.sweep..", "io.arcml.pipeline.."))
                .check(classes);
    }

    @Test
    void transportPackagesAreFreeOfCycles() {
        slices().matching("io.arcml.transport.(**)").should().beFreeOfCycles().check(classes);
    }

    /**
     * Every package of sdk-core, {@code io.arcml} itself included, is its own slice, and no two
     * reach each other but through a dependency listed in {@code cycle-edges.txt}.
     */
    @Test
    void packagesAreFreeOfCyclesButTheListedEdges() {
        SliceRule rule = slices().matching("(io.arcml..)").should().beFreeOfCycles();
        for (CycleEdge edge : CycleEdge.listed()) {
            rule = rule.ignoreDependency(topLevelClassNamed(edge.origin()), topLevelClassNamed(edge.target()));
        }
        rule.check(classes);
    }

    /** The list of cycle edges only shrinks: a line whose dependency is gone must be deleted. */
    @Test
    void everyListedCycleEdgeStillExists() {
        List<CycleEdge> stale = CycleEdge.listed().stream()
                .filter(edge -> classes.stream()
                        .filter(c -> c.getName().replaceAll("\\$.*", "").equals(edge.origin()))
                        .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                        .noneMatch(d -> d.getTargetClass()
                                .getName()
                                .replaceAll("\\$.*", "")
                                .equals(edge.target())))
                .toList();
        assertThat(stale)
                .as("dependencies in cycle-edges.txt that no longer exist (delete their lines)")
                .isEmpty();
    }

    /** One line of {@code cycle-edges.txt}: {@code origin -> target}. */
    record CycleEdge(String origin, String target) {
        static List<CycleEdge> listed() {
            try (InputStream in = LayersTest.class.getResourceAsStream("cycle-edges.txt")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .map(line -> line.split("\\s*->\\s*"))
                        .map(parts -> new CycleEdge(parts[0], parts[1]))
                        .toList();
            } catch (IOException e) {
                throw new IllegalStateException("cycle-edges.txt cannot be read", e);
            }
        }
    }

    @Test
    void theApiAndModelNeverNameATransport() {
        noClasses().that(API.or(MODEL)).should().dependOnClassesThat(TRANSPORTS).check(classes);
    }
}
