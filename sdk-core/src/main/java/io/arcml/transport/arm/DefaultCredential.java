package io.arcml.transport.arm;

import com.azure.core.credential.TokenCredential;
import io.arcml.ArcmlException;

/**
 * azure-identity's {@code DefaultAzureCredential} (environment, workload identity, managed
 * identity, Azure CLI, ...), loaded only when azure-identity is on the classpath: it is an
 * optional dependency, so library users who pass their own credential do not carry it.
 */
public final class DefaultCredential {
    private static final String BUILDER = "com.azure.identity.DefaultAzureCredentialBuilder";

    private DefaultCredential() {}

    /**
     * A new {@code DefaultAzureCredential}.
     *
     * @throws ArcmlException saying how to add azure-identity when it is not on the classpath
     */
    public static TokenCredential create() {
        return create(null, null);
    }

    /**
     * A new {@code DefaultAzureCredential} that signs in at {@code authorityHost} (a sovereign
     * cloud's, e.g. {@code AzureEnvironment.AZURE_CHINA.getActiveDirectoryEndpoint()}) and in
     * {@code tenantId}; either may be {@code null} for azure-identity's default.
     *
     * @throws ArcmlException saying how to add azure-identity when it is not on the classpath
     */
    static TokenCredential create(String authorityHost, String tenantId) {
        Object builder = builder(authorityHost, tenantId);
        try {
            return (TokenCredential) builder.getClass().getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw incompatible(e);
        }
    }

    /** The configured {@code DefaultAzureCredentialBuilder}, not yet built. */
    static Object builder(String authorityHost, String tenantId) {
        Class<?> builder;
        try {
            builder = Class.forName(BUILDER, true, DefaultCredential.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ArcmlException(
                    "No credential was given and azure-identity is not on the classpath. Either pass one with "
                            + "credential(TokenCredential), or add the dependency com.azure:azure-identity (1.19.0 or newer) so that "
                            + "DefaultAzureCredential (az login, environment variables, managed identity) is used",
                    e);
        }
        try {
            Object b = builder.getConstructor().newInstance();
            if (authorityHost != null) {
                builder.getMethod("authorityHost", String.class).invoke(b, authorityHost);
            }
            if (tenantId != null) {
                builder.getMethod("tenantId", String.class).invoke(b, tenantId);
            }
            return b;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw incompatible(e);
        }
    }

    private static ArcmlException incompatible(Throwable e) {
        return new ArcmlException(
                "azure-identity is on the classpath but DefaultAzureCredential could not be created (" + e
                        + "). Check that its version matches azure-core, or pass a credential with credential(TokenCredential)",
                e);
    }
}
