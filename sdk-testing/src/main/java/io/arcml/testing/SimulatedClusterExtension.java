package io.arcml.testing;

import io.arcml.Workspace;
import io.arcml.compute.KubernetesCompute;
import io.arcml.internal.Arguments;
import io.arcml.testing.sim.SimulatedCluster;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link WithSimulatedCluster}: resolves {@link SimulatedCluster},
 * {@link Workspace}, {@link KubernetesCompute} and {@link SimulatedClusterEnvironment} parameters
 * with one fresh environment per test, described by the {@code @WithSimulatedCluster} of the method
 * or its class, and closes it after the test.
 */
public final class SimulatedClusterExtension implements ParameterResolver, AfterEachCallback {
    private static final Set<Class<?>> INJECTED =
            Set.of(SimulatedCluster.class, Workspace.class, KubernetesCompute.class, SimulatedClusterEnvironment.class);

    /** Creates the extension; JUnit does this for {@code @WithSimulatedCluster}. */
    public SimulatedClusterExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Arguments.nonNull(parameter, "parameter");
        Arguments.nonNull(context, "context");
        return INJECTED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Arguments.nonNull(parameter, "parameter");
        Arguments.nonNull(context, "context");
        SimulatedClusterEnvironment environment = PerTestEnvironments.of(
                parameter,
                context,
                SimulatedClusterExtension.class,
                SimulatedClusterEnvironment.class,
                () -> SimulatedClusterEnvironment.start(
                        context.getDisplayName(),
                        PerTestEnvironments.nearest(context, WithSimulatedCluster.class)
                                .orElse(Defaults.SETTINGS)));
        Class<?> type = parameter.getParameter().getType();
        if (type == SimulatedCluster.class) {
            return environment.cluster();
        }
        if (type == Workspace.class) {
            return environment.workspace();
        }
        return type == KubernetesCompute.class ? environment.compute() : environment;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Arguments.nonNull(context, "context");
        PerTestEnvironments.remove(context, SimulatedClusterExtension.class, SimulatedClusterEnvironment.class)
                .ifPresent(SimulatedClusterEnvironment::close);
    }

    /** The annotation's defaults, for {@code @ExtendWith(SimulatedClusterExtension.class)} without it. */
    @WithSimulatedCluster
    private static final class Defaults {
        static final WithSimulatedCluster SETTINGS = Defaults.class.getAnnotation(WithSimulatedCluster.class);
    }
}
