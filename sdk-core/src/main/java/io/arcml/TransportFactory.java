package io.arcml;

import java.util.ServiceLoader;

/**
 * Builds the control plane of one kind of transport from neutral settings, so that
 * {@link Workspace} finds transports without naming their classes. Each transport registers its factory in
 * {@code META-INF/services/io.arcml.TransportFactory}: sdk-core the embedded control
 * plane ({@code embedded}) and Azure Resource Manager ({@code arm}).
 */
public interface TransportFactory {

    /** The kind this factory builds, as {@link Transport#kind()} reports it: {@code embedded}, {@code arm}. */
    String kind();

    /**
     * A new control plane from the settings.
     *
     * @throws ValidationException naming the missing or invalid setting
     */
    Transport create(TransportSettings settings);

    /**
     * The control plane of {@code kind} built by the factory registered for it.
     *
     * @throws ArcmlException when no factory on the class path builds that kind
     */
    static Transport create(String kind, TransportSettings settings) {
        TransportSettings.nonNull(kind, "kind");
        TransportSettings.nonNull(settings, "settings");
        for (TransportFactory factory :
                ServiceLoader.load(TransportFactory.class, TransportFactory.class.getClassLoader())) {
            if (factory.kind().equals(kind)) {
                return factory.create(settings);
            }
        }
        throw new ArcmlException("No transport of kind '" + kind + "' is registered (META-INF/services/"
                + TransportFactory.class.getName()
                + "). Put the jar that ships it (arcml-core for 'embedded' and 'arm') on the class path");
    }
}
