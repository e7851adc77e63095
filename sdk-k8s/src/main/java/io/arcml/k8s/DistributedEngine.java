package io.arcml.k8s;

/**
 * What runs a multi-instance job on the cluster. {@link #AUTO} asks the API server which engines
 * are installed and takes the first that fits: Volcano (installed by the Azure ML extension), then
 * Kubeflow's PyTorchJob for PyTorch jobs, else plain Indexed Jobs, which every cluster has.
 */
public enum DistributedEngine {
    /** Discover: Volcano when {@code batch.volcano.sh} is served, Kubeflow for PyTorch jobs when {@code kubeflow.org} is, else Indexed Jobs. */
    AUTO,
    /** A {@code batch/v1} Indexed Job per role and a headless Service; no operator needed. */
    INDEXED_JOB,
    /** A Volcano {@code batch.volcano.sh/v1alpha1} Job with gang scheduling ({@code minAvailable} = instance count). */
    VOLCANO,
    /** A Kubeflow {@code kubeflow.org/v1} PyTorchJob; PyTorch jobs only. */
    KUBEFLOW
}
