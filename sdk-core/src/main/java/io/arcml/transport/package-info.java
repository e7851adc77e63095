/**
 * The transport SPI: {@link io.arcml.transport.ControlPlane} and the capabilities a transport may
 * offer ({@link io.arcml.transport.ComputeOperations}, {@link io.arcml.transport.ExtensionReads},
 * {@link io.arcml.transport.ExtensionInstalls}, {@link io.arcml.transport.ClusterPods},
 * {@link io.arcml.transport.JobOperations}, {@link io.arcml.transport.HostedSweeps},
 * {@link io.arcml.transport.HostedPipelines}, {@link io.arcml.transport.PagedLists}), the resources
 * and statuses they answer with, and
 * {@link io.arcml.TransportFactory}, through which the API finds transports by kind.
 *
 * <p>Layer rule: this package speaks in its own values ({@code io.arcml.resource}: {@code ComputeSpec},
 * {@code ResourceState}, {@code ExtensionSpec}, {@code ExtensionPod}, {@code RunStatus},
 * {@code CommandSpec}, {@code SweepSpec}, {@code PipelineSpec}; clusters as resource ID strings),
 * and nothing above it: no builder, handle or
 * run of the user API, and no transport. Transports ({@code io.arcml.transport.arm},
 * {@code io.arcml.transport.embedded}, {@code io.arcml.k8s}) use it and the model, never the API
 * nor each other. See docs/ARCHITECTURE.md, section "Layers"; {@code LayersTest} enforces it.
 */
package io.arcml.transport;
