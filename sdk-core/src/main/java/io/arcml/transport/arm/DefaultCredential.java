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

    private DefaultCredential() {
    }

    /**
     * A new {@code DefaultAzureCredential}.
     *
     * @throws ArcmlException saying how to add azure-identity when it is not on the classpath
     */
    public static TokenCredential create() {
        Class<?> builder;
        try {
            builder = Class.forName(BUILDER, true, DefaultCredential.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ArcmlException("No credential was given and azure-identity is not on the classpath. Either pass one with "
                    + "credential(TokenCredential), or add the dependency com.azure:azure-identity (1.19.0 or newer) so that "
                    + "DefaultAzureCredential (az login, environment variables, managed identity) is used", e);
        }
        try {
            Object b = builder.getConstructor().newInstance();
            return (TokenCredential) builder.getMethod("build").invoke(b);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ArcmlException("azure-identity is on the classpath but DefaultAzureCredential could not be created ("
                    + e + "). Check that its version matches azure-core, or pass a credential with credential(TokenCredential)", e);
        }
    }
}
