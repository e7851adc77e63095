/**
 * The values a control plane holds and answers with, in its own form: {@link io.arcml.resource.ResourceState}
 * (the one list of Azure Resource Manager's state words), {@link io.arcml.resource.ComputeSpec}, the
 * extension values, {@link io.arcml.resource.RunStatus} with {@link io.arcml.resource.RunState} (a run as
 * a control plane reports it) and {@link io.arcml.resource.CommandSpec} with its leaf specs (a command
 * job as a control plane receives it), and the REST bodies of Azure ML's jobs as records bound by the
 * one Jackson mapper ({@link io.arcml.resource.CommandJobJson}, {@link io.arcml.resource.SweepJobJson},
 * {@link io.arcml.resource.PipelineJobJson}, {@link io.arcml.resource.PipelineStepJson} and their parts
 * in {@link io.arcml.resource.JobJson}), each written by its {@code of(..)} from the specs, with the
 * assets a control plane placed ({@link io.arcml.resource.JobAssets}).
 * The transport SPI ({@code io.arcml.transport}) speaks in them, never in the user's builders and
 * handles; the user's model converts to and from them, each through one codec
 * ({@code KubernetesComputeSpec.toSpi()} and {@code fromSpi(..)}, {@code ProvisioningState.of(..)},
 * {@code JobStatus.of(..)}, {@code CommandJob.toSpec()}).
 *
 * <p>Layer rule: this package uses only {@code io.arcml} and {@code io.arcml.internal}, so that both
 * the user's packages and the SPI can use it without closing a cycle.
 */
package io.arcml.resource;
