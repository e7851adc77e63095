/**
 * Following long-running operations: the one waiting loop ({@link io.arcml.operation.OperationWaiter}),
 * azure-core pollers over the SPI's operations, and the progress a wait prints. Above the transport
 * SPI (it reads {@code LongRunningOperation}s), below the user API that waits with it.
 */
package io.arcml.operation;
