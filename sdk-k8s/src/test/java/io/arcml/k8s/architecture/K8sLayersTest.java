package io.arcml.k8s.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.extension.AzureMLExtension;
import io.arcml.job.JobRun;
import io.arcml.operation.OperationPollers;
import io.arcml.operation.OperationWaiter;
import io.arcml.pipeline.PipelineRun;
import io.arcml.run.HostedRun;
import io.arcml.sweep.SweepRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster transport is a transport like the others (ARCHITECTURE.md, section "Layers"): it
 * speaks the SPI and the model, never the user API above it nor another transport beside it.
 */
class K8sLayersTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/arcml-core") && !location.contains("/sdk-core/"))
                .importPackages("io.arcml.k8s");
    }

    @Test
    void theClusterTransportNeverCallsTheUserApi() {
        noClasses()
                .that()
                .resideInAPackage("io.arcml.k8s..")
                .should()
                .dependOnClassesThat(belongToAnyOf(
                        Workspace.class,
                        ComputeTarget.class,
                        KubernetesCompute.class,
                        AzureMLExtension.class,
                        JobRun.class,
                        SweepRun.class,
                        PipelineRun.class,
                        HostedRun.class,
                        OperationWaiter.class,
                        OperationPollers.class))
                .check(classes);
    }

    @Test
    void theClusterTransportNeverReachesAnotherTransport() {
        noClasses()
                .that()
                .resideInAPackage("io.arcml.k8s..")
                .should()
                .dependOnClassesThat(resideInAnyPackage("io.arcml.transport.*.."))
                .check(classes);
    }

    /** Jobs, sweeps and runs reach the cluster transport as the SPI's values ({@code io.arcml.resource}), never as the user's types. */
    @Test
    void theClusterTransportReadsJobsAsTheSpisValues() {
        noClasses()
                .that()
                .resideInAPackage("io.arcml.k8s..")
                .should()
                .dependOnClassesThat(resideInAnyPackage("io.arcml.job..", "io.arcml.sweep..", "io.arcml.pipeline.."))
                .check(classes);
    }

    @Test
    void theClusterTransportsPackagesAreFreeOfCycles() {
        slices().matching("io.arcml.k8s.(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Each package is a slice, {@code io.arcml.k8s} itself included: its internals never reach back to it. */
    @Test
    void theClusterTransportAndItsInternalsDoNotReachEachOther() {
        slices().matching("(io.arcml.k8s..)").should().beFreeOfCycles().check(classes);
    }
}
