package io.arcml.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class (or one test method) with a fresh arcml workspace on the embedded control
 * plane for every test: inject a {@link io.arcml.Workspace}, the
 * {@link io.arcml.transport.embedded.EmbeddedControlPlane} behind it, or the whole
 * {@link ArcmlTestEnvironment} as a parameter of the test or of a {@code @BeforeEach} method.
 * The workspace is closed after the test, whatever its outcome.
 *
 * <pre>{@code
 * @ArcmlTest
 * class AttachTest {
 *     @Test
 *     @FailAttach(compute = "gpu", code = "InternalServerError", message = "boom")
 *     void attachFails(Workspace ws) { ... }
 * }
 * }</pre>
 *
 * Operations are instant by default; give delays to see {@code Creating} and {@code Deleting}
 * states. Faults come from {@link FailAttach}, {@link FailExtensionInstall}, {@link ThrottlePolls},
 * {@link ServerErrorPolls}, {@link SlowOperations}, {@link UnhealthyExtensionPod}, {@link PendingJob} and {@link FailJob} on the class
 * or the method. An {@code @ArcmlTest} on a method replaces the one on its class.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ArcmlExtension.class)
public @interface ArcmlTest {

    /** How long an attach or detach takes, in milliseconds. Default 0: done by the first status read. */
    long provisioningDelayMillis() default 0;

    /** How long an extension install or uninstall takes, in milliseconds. Default 0. */
    long extensionInstallDelayMillis() default 0;

    /** The Retry-After operations answer with, in milliseconds. Default 0. */
    long pollIntervalMillis() default 0;

    /** The workspace name; empty for the embedded control plane's default ({@code local-workspace}). */
    String workspaceName() default "";

    /** The resource group; empty for the default ({@code arcml-local}). */
    String resourceGroup() default "";

    /** The subscription ID; empty for the default (all zeros). */
    String subscriptionId() default "";
}
