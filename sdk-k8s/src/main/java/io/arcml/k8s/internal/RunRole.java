package io.arcml.k8s.internal;

/**
 * One kind of instance in a run: {@code worker}, TensorFlow's {@code ps}, Kubeflow's {@code master}.
 *
 * @param name the role's name, used in object names and the {@code arcml.io/role} label
 * @param replicas how many instances play it
 * @param decisive whether the run completes when these instances succeed (parameter servers never exit, so they are not)
 */
public record RunRole(String name, int replicas, boolean decisive) {}
