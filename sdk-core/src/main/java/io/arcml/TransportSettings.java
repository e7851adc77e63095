package io.arcml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the API hands a {@link TransportFactory}: the workspace, named settings (a credential,
 * an endpoint, an HTTP client) and settings for a transport's own builder, keyed by that
 * builder's class. Settings never print their values: a credential may be among them.
 */
public final class TransportSettings {
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
    public TransportSettings() {}

    /** The workspace to serve; {@code null} for the transport's default workspace. */
    public TransportSettings workspace(WorkspaceId workspace) {
        this.workspace = workspace;
        return this;
    }

    /** The workspace; empty for the transport's default. */
    public Optional<WorkspaceId> workspace() {
        return Optional.ofNullable(workspace);
    }

    /** Sets a named setting; {@code null} removes it (the transport's default). */
    public TransportSettings set(String name, Object value) {
        nonNull(name, "name");
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
        return this;
    }

    /** A named setting of that type; empty when not set. */
    public <T> Optional<T> get(String name, Class<T> type) {
        nonNull(name, "name");
        nonNull(type, "type");
        return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    /** Adds settings for a transport's own builder, applied in order by the transport whose builder has that class. */
    public <B> TransportSettings configure(Class<B> builderType, Consumer<? super B> settings) {
        nonNull(builderType, "builderType");
        nonNull(settings, "settings");
        customizers.add(new Customizer<>(builderType, settings));
        return this;
    }

    /**
     * Applies the builder settings given for {@code builder}'s class.
     *
     * @throws ValidationException when settings were given for a builder this transport does not have
     */
    public void applyTo(Object builder, String kind) {
        nonNull(builder, "builder");
        nonNull(kind, "kind");
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

    /**
     * The null check of this package, worded as {@code io.arcml.internal.Arguments} words it: this
     * package sits below every other and uses none of them.
     */
    static <T> T nonNull(T value, String parameter) {
        if (value == null) {
            throw new NullPointerException(parameter + " is null: pass a value");
        }
        return value;
    }

    @Override
    public String toString() {
        return "TransportSettings{workspace=" + workspace + ", settings=" + values.keySet() + ", builderSettings="
                + customizers.size() + "}";
    }
}
