/**
 * The embedded control plane: Azure Resource Manager's semantics in memory, for samples,
 * notebooks and test harnesses ({@code Workspace.local()}, or
 * {@link io.arcml.transport.embedded.EmbeddedControlPlane#builder()} with delays and
 * {@link io.arcml.transport.embedded.Fault faults}). One class per capability (computes,
 * extensions, jobs) shares one state behind {@link io.arcml.transport.embedded.EmbeddedControlPlane}.
 */
package io.arcml.transport.embedded;
