package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A node of a {@link WithSimulatedCluster} fleet, as {@link io.arcml.testing.sim.SimulatedNode}
 * builds it: {@code @FleetNode(name = "gpu-1", cpu = "8", memory = "64Gi", gpus = 2,
 * labels = "accelerator=nvidia-tesla-k80", taints = "sku=gpu:NoSchedule")}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface FleetNode {

    /** The node's name. */
    String name();

    /** Allocatable CPU, a Kubernetes quantity. Default {@code 8}. */
    String cpu() default "8";

    /** Allocatable memory, a Kubernetes quantity. Default {@code 32Gi}. */
    String memory() default "32Gi";

    /** Allocatable {@code nvidia.com/gpu}. Default 0. */
    int gpus() default 0;

    /** Labels, each {@code key=value}. */
    String[] labels() default {};

    /** Taints, each {@code key=value:Effect} (or {@code key:Effect}), e.g. {@code sku=gpu:NoSchedule}. */
    String[] taints() default {};
}
