package io.arcml.transport.arm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ServiceSasTest {
    /**
     * The expected signature is what Azure's own Python storage SDK (azure-storage-blob 12,
     * {@code BlobSharedAccessSignature.generate_container} with service version 2023-11-03) gives
     * for the same account, key, container, permissions, expiry and protocol.
     */
    @Test
    void theContainerSasIsSignedAsAzuresStorageSdkSignsIt() {
        String key = Base64.getEncoder()
                .encodeToString("account-key-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

        String sas = ServiceSas.forContainer(
                "acct", "workspace-blobs", key, OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

        assertThat(sas)
                .contains("sv=2023-11-03", "sr=c", "sp=rcw", "se=2030-01-01T00%3A00%3A00Z", "spr=https")
                .endsWith("&sig=CS0w0PvhZkz47LZciaDJW9Ti1wW9DqqDjKm7u95f7mI%3D")
                .doesNotContain(key);
    }
}
