package io.arcml.transport;

import io.arcml.ArcmlException;
import io.arcml.internal.Arguments;
import java.util.ServiceLoader;

/**
 * Builds the control plane of one kind of transport from neutral settings, so that the API finds
 * transports without naming their classes. Each transport registers its factory in
 * {@code META-INF/services/io.arcml.transport.ControlPlaneFactory}: sdk-core the embedded control
 * plane ({@code embedded}) and Azure Resource Manager ({@code arm}).
 */
public interface ControlPlaneFactory {

    /** The kind this factory builds, as {@link ControlPlane#kind()} reports it: {@code embedded}, {@code arm}. */
    String kind();

    /**
     * A new control plane from the settings.
     *
     * @throws io.arcml.ValidationException naming the missing or invalid setting
     */
    ControlPlane create(ControlPlaneSettings settings);

    /**
     * The control plane of {@code kind} built by the factory registered for it.
     *
     * @throws ArcmlException when no factory on the class path builds that kind
     */
    static ControlPlane create(String kind, ControlPlaneSettings settings) {
        Arguments.nonNull(kind, "kind");
        Arguments.nonNull(settings, "settings");
        for (ControlPlaneFactory factory :
                ServiceLoader.load(ControlPlaneFactory.class, ControlPlaneFactory.class.getClassLoader())) {
            if (factory.kind().equals(kind)) {
                return factory.create(settings);
            }
        }
        throw new ArcmlException("No transport of kind '" + kind + "' is registered (META-INF/services/"
                + ControlPlaneFactory.class.getName()
                + "). Put the jar that ships it (arcml-core for 'embedded' and 'arm') on the class path");
    }
}
