/**
 * What sweep and pipeline runs share: following a parent run that a service runs itself
 * ({@link io.arcml.run.HostedRun}). Above the transport SPI and the operation tracking, below
 * {@code io.arcml.sweep} and {@code io.arcml.pipeline}.
 */
package io.arcml.run;
