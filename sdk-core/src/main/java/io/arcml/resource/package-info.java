/**
 * The values a control plane holds and answers with, in its own form: {@link io.arcml.resource.ResourceState}
 * (the one list of Azure Resource Manager's state words) and {@link io.arcml.resource.ComputeSpec}.
 * The transport SPI ({@code io.arcml.transport}) speaks in them, never in the user's builders and
 * handles; the user's model converts to and from them, each through one codec
 * ({@code KubernetesComputeSpec.toSpi()} and {@code fromSpi(..)}, {@code ProvisioningState.of(..)}).
 *
 * <p>Layer rule: this package uses only {@code io.arcml} and {@code io.arcml.internal}, so that both
 * the user's packages and the SPI can use it without closing a cycle.
 */
package io.arcml.resource;
