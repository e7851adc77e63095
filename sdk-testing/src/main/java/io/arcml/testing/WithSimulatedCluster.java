package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class (or one test method) on a fresh simulated Kubernetes cluster per test, with a
 * workspace on the direct cluster transport over it: inject a {@link io.arcml.testing.sim.SimulatedCluster},
 * a {@link io.arcml.Workspace}, the {@link io.arcml.compute.KubernetesCompute} attached for the test
 * (when {@link #compute()} names one) or the whole {@link SimulatedClusterEnvironment} as a parameter
 * of the test or of a {@code @BeforeEach} method. The workspace and the cluster are closed after the
 * test, whatever its outcome.
 *
 * <pre>{@code
 * @WithSimulatedCluster(
 *         nodes = @FleetNode(name = "gpu-1", cpu = "8", memory = "64Gi", gpus = 2, labels = "accelerator=nvidia-tesla-k80"),
 *         compute = "gpu-compute",
 *         instanceTypes = @FleetInstanceType(name = "gpu_instance", nodeSelector = "accelerator=nvidia-tesla-k80",
 *                 cpu = "2", memory = "16Gi", gpus = 1))
 * class TrainingTest {
 *     @Test
 *     void trains(KubernetesCompute compute) {
 *         JobRun run = compute.submit(CommandJob.builder()...build()).waitForCompletion(false);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Without attributes the fleet is one CPU node ({@code cpu-1}: 8 CPUs, 32Gi) and one GPU node
 * ({@code gpu-1}: 8 CPUs, 64Gi, 2 GPUs labelled {@code accelerator=nvidia-tesla-k80}, tainted
 * {@code sku=gpu:NoSchedule} as AKS GPU pools are), with the Azure ML extension installed and no
 * compute attached. A {@code @WithSimulatedCluster} on a method replaces the one on its class. The
 * injected {@code Workspace} comes from this annotation or from {@link ArcmlTest}, not both on one test.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SimulatedClusterExtension.class)
public @interface WithSimulatedCluster {

    /** The cluster's nodes. */
    FleetNode[] nodes() default {
        @FleetNode(name = "cpu-1", cpu = "8", memory = "32Gi", labels = "agentpool=cpu"),
        @FleetNode(
                name = "gpu-1",
                cpu = "8",
                memory = "64Gi",
                gpus = 2,
                labels = "accelerator=nvidia-tesla-k80",
                taints = "sku=gpu:NoSchedule")
    };

    /** The namespace created in the cluster and given to the attached compute. Default {@code default}. */
    String namespace() default "default";

    /** Installs the Azure ML extension's pods and its InstanceType CRD, as in a cluster the how-to prepared. Default true. */
    boolean azureMLExtension() default true;

    /** Installs Volcano's Job API (its controller is simulated). */
    boolean volcano() default false;

    /** Installs Kubeflow's PyTorchJob API (its operator is simulated). */
    boolean kubeflow() default false;

    /** Installs Katib's Experiment API (its controller is not simulated: a test plays it). */
    boolean katib() default false;

    /** The name of a compute to attach before the test, from the attributes below; empty for none. */
    String compute() default "";

    /** The cluster's Azure resource ID, given to the attach configuration. */
    String clusterResourceId() default
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/arcml-testing/providers/Microsoft.ContainerService/managedClusters/simulated";

    /** The attached compute's instance types. */
    FleetInstanceType[] instanceTypes() default {};

    /** The attached compute's default instance type; empty for the attach configuration's own default. */
    String defaultInstanceType() default "";

    /** How often the workspace polls the cluster, in milliseconds. Default 20: the simulated pods run for moments. */
    long pollIntervalMillis() default 20;

    /** How often the simulated controllers, scheduler and kubelet act, in milliseconds. Default 20. */
    long tickMillis() default 20;
}
