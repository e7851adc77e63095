package io.arcml.testing;

import static io.arcml.testing.PerTestEnvironments.millis;

import io.arcml.Workspace;
import io.arcml.WorkspaceId;
import io.arcml.internal.Arguments;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.Fault;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link ArcmlTest}: resolves {@link Workspace},
 * {@link EmbeddedControlPlane} and {@link ArcmlTestEnvironment} parameters with one fresh
 * environment per test, configured by the {@code @ArcmlTest} of the method or its class and the
 * fault annotations on both, and closes it after the test.
 *
 * <p>Use it through {@code @ArcmlTest}, or with {@code @ExtendWith(ArcmlExtension.class)} for
 * the defaults (instant operations, no faults).
 */
public final class ArcmlExtension implements ParameterResolver, AfterEachCallback {
    /** Creates the extension; JUnit does this for {@code @ArcmlTest} and {@code @ExtendWith}. */
    public ArcmlExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Arguments.nonNull(parameter, "parameter");
        Arguments.nonNull(context, "context");
        Class<?> type = parameter.getParameter().getType();
        return type == Workspace.class || type == EmbeddedControlPlane.class || type == ArcmlTestEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Arguments.nonNull(parameter, "parameter");
        Arguments.nonNull(context, "context");
        ArcmlTestEnvironment environment = PerTestEnvironments.of(
                parameter, context, ArcmlExtension.class, ArcmlTestEnvironment.class, () -> create(context));
        Class<?> type = parameter.getParameter().getType();
        if (type == Workspace.class) {
            return environment.workspace();
        }
        return type == EmbeddedControlPlane.class ? environment.controlPlane() : environment;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Arguments.nonNull(context, "context");
        PerTestEnvironments.remove(context, ArcmlExtension.class, ArcmlTestEnvironment.class)
                .ifPresent(ArcmlTestEnvironment::close);
    }

    private static ArcmlTestEnvironment create(ExtensionContext context) {
        ArcmlTest settings =
                PerTestEnvironments.nearest(context, ArcmlTest.class).orElse(null);
        EmbeddedControlPlane.Builder builder = EmbeddedControlPlane.builder().instant();
        if (settings != null) {
            builder.provisioningDelay(millis(settings.provisioningDelayMillis(), "provisioningDelayMillis"))
                    .extensionInstallDelay(
                            millis(settings.extensionInstallDelayMillis(), "extensionInstallDelayMillis"))
                    .pollInterval(millis(settings.pollIntervalMillis(), "pollIntervalMillis"));
            WorkspaceId defaults = EmbeddedControlPlane.builder().build().workspace();
            builder.workspace(new WorkspaceId(
                    or(settings.subscriptionId(), defaults.subscriptionId()),
                    or(settings.resourceGroup(), defaults.resourceGroup()),
                    or(settings.workspaceName(), defaults.workspaceName())));
        }
        return new ArcmlTestEnvironment(context.getDisplayName(), builder.build(), faults(context));
    }

    /** The faults declared on the outermost class first, then inner classes, then the method. */
    private static List<Fault> faults(ExtensionContext context) {
        List<AnnotatedElement> elements = new ArrayList<>();
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            elements.add(0, c);
        }
        elements.add(context.getRequiredTestMethod());
        List<Fault> faults = new ArrayList<>();
        for (AnnotatedElement element : elements) {
            for (FailAttach f : AnnotationSupport.findRepeatableAnnotations(element, FailAttach.class)) {
                faults.add(Fault.failAttach(f.compute().isEmpty() ? null : f.compute(), f.code(), f.message()));
            }
            AnnotationSupport.findAnnotation(element, FailExtensionInstall.class)
                    .ifPresent(f -> faults.add(Fault.failExtensionInstall(f.code(), f.message())));
            AnnotationSupport.findAnnotation(element, ThrottlePolls.class)
                    .ifPresent(f -> faults.add(
                            Fault.throttlePolls(f.times(), millis(f.retryAfterMillis(), "retryAfterMillis"))));
            AnnotationSupport.findAnnotation(element, ServerErrorPolls.class)
                    .ifPresent(f -> faults.add(Fault.serverErrorPolls(f.times(), f.statusCode())));
            AnnotationSupport.findAnnotation(element, SlowOperations.class)
                    .ifPresent(
                            f -> faults.add(Fault.slowOperations(f.times(), millis(f.extraMillis(), "extraMillis"))));
            for (UnhealthyExtensionPod f :
                    AnnotationSupport.findRepeatableAnnotations(element, UnhealthyExtensionPod.class)) {
                faults.add(Fault.unhealthyExtensionPod(f.podPrefix(), f.reason()));
            }
            for (PendingJob f : AnnotationSupport.findRepeatableAnnotations(element, PendingJob.class)) {
                faults.add(Fault.pendingJob(f.job().isEmpty() ? null : f.job(), f.reason()));
            }
            for (FailJob f : AnnotationSupport.findRepeatableAnnotations(element, FailJob.class)) {
                if (f.exitCode() == 0) {
                    throw new ParameterResolutionException(
                            "arcml test settings: @FailJob exitCode = 0 is success. Give a non-zero exit code");
                }
                faults.add(Fault.failJob(f.job().isEmpty() ? null : f.job(), f.exitCode(), f.lastLogLine()));
            }
        }
        return faults;
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
