package io.arcml.transport;

import io.arcml.ValidationException;
import io.arcml.WorkspaceId;
import io.arcml.internal.Arguments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the API hands a {@link ControlPlaneFactory}: the workspace, named settings (a credential,
 * an endpoint, an HTTP client) and settings for a transport's own builder, keyed by that
 * builder's class. Settings never print their values: a credential may be among them.
 */
public final class ControlPlaneSettings {
    /** A {@code com.azure.core.credential.TokenCredential}: how ARM signs in. */
    public static final String CREDENTIAL = "credential";
    /** The management endpoint, a {@code String}. */
    public static final String ENDPOINT = "endpoint";
    /** A {@code com.azure.core.http.HttpClient}. */
    public static final String HTTP_CLIENT = "httpClient";

    private WorkspaceId workspace;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<Customizer<?>> customizers = new ArrayList<>();

    private record Customizer<B>(Class<B> type, Consumer<? super B> settings) {
        void applyTo(Object builder) {
            settings.accept(type.cast(builder));
        }
    }

    /** No settings: the transport's defaults. */
    public ControlPlaneSettings() {}

    /** The workspace to serve; {@code null} for the transport's default workspace. */
    public ControlPlaneSettings workspace(WorkspaceId workspace) {
        this.workspace = workspace;
        return this;
    }

    /** The workspace; empty for the transport's default. */
    public Optional<WorkspaceId> workspace() {
        return Optional.ofNullable(workspace);
    }

    /** Sets a named setting; {@code null} removes it (the transport's default). */
    public ControlPlaneSettings set(String name, Object value) {
        Arguments.nonNull(name, "name");
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
        return this;
    }

    /** A named setting of that type; empty when not set. */
    public <T> Optional<T> get(String name, Class<T> type) {
        Arguments.nonNull(name, "name");
        Arguments.nonNull(type, "type");
        return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    /** Adds settings for a transport's own builder, applied in order by the transport whose builder has that class. */
    public <B> ControlPlaneSettings configure(Class<B> builderType, Consumer<? super B> settings) {
        Arguments.nonNull(builderType, "builderType");
        Arguments.nonNull(settings, "settings");
        customizers.add(new Customizer<>(builderType, settings));
        return this;
    }

    /**
     * Applies the builder settings given for {@code builder}'s class.
     *
     * @throws ValidationException when settings were given for a builder this transport does not have
     */
    public void applyTo(Object builder, String kind) {
        Arguments.nonNull(builder, "builder");
        Arguments.nonNull(kind, "kind");
        for (Customizer<?> c : customizers) {
            if (!c.type().isInstance(builder)) {
                throw new ValidationException(
                        "configure",
                        c.type().getSimpleName(),
                        "is not the builder of the " + kind + " transport",
                        "Configure " + builder.getClass().getSimpleName()
                                + " instead, or build that transport's control plane and pass "
                                + "it to Workspace.on(..)");
            }
            c.applyTo(builder);
        }
    }

    /** The names of the settings given, never their values. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    @Override
    public String toString() {
        return "ControlPlaneSettings{workspace=" + workspace + ", settings=" + values.keySet() + ", builderSettings="
                + customizers.size() + "}";
    }
}
