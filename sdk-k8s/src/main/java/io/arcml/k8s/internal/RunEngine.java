package io.arcml.k8s.internal;

/**
 * What runs a multi-instance job, as the cluster transport's internals speak of it: the user's
 * {@code io.arcml.k8s.DistributedEngine} maps onto it by name at the control plane's edge, so that
 * this package never reads the public one.
 */
public enum RunEngine {
    /** Discover the engine from the API groups the server serves. */
    AUTO,
    /** A {@code batch/v1} Indexed Job per role and a headless Service. */
    INDEXED_JOB,
    /** A Volcano {@code batch.volcano.sh/v1alpha1} Job with gang scheduling. */
    VOLCANO,
    /** A Kubeflow {@code kubeflow.org/v1} PyTorchJob. */
    KUBEFLOW
}
