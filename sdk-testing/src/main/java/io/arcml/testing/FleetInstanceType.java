package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An instance type of the compute a {@link WithSimulatedCluster} attaches, as
 * {@link io.arcml.compute.InstanceType#builder()} builds it: {@code @FleetInstanceType(name = "gpu_instance",
 * nodeSelector = "accelerator=nvidia-tesla-k80", cpu = "2", memory = "16Gi", gpus = 1)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface FleetInstanceType {

    /** The instance type's name. */
    String name();

    /** Node labels the pods must match, each {@code key=value}. */
    String[] nodeSelector() default {};

    /** Requested CPU. Default {@code 1}. */
    String cpu() default "1";

    /** Requested memory. Default {@code 2Gi}. */
    String memory() default "2Gi";

    /** Requested (and limited) {@code nvidia.com/gpu}. Default 0. */
    int gpus() default 0;

    /** CPU limit; empty for the request. */
    String cpuLimit() default "";

    /** Memory limit; empty for the request. */
    String memoryLimit() default "";
}
