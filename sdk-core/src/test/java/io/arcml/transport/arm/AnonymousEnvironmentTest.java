package io.arcml.transport.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The expected versions are what azure-ai-ml 1.35.2's {@code Environment(...).version} gives for the
 * same image, conda file text and build context, so arcml and the CLI register one environment for
 * the same content.
 */
class AnonymousEnvironmentTest {
    private static final String IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04";

    @Test
    void anImageIsVersionedAsTheCliVersionsIt() {
        assertThat(AnonymousEnvironment.imageVersion(IMAGE, null))
                .isEqualTo("9872fac1b843bfd01c9cdaf22251013c978c50c12d30b505334dcb04199a7be0");
    }

    @Test
    void anImageWithACondaFileIsVersionedAsTheCliVersionsIt() {
        String conda = "channels:\n- conda-forge\ndependencies:\n- python=3.11\n- pip\nname: train\n";

        assertThat(AnonymousEnvironment.imageVersion(IMAGE, conda))
                .isEqualTo("360d1c181579c07028b8060745d2b6c65d92ceb22f860894421ed91fb7147dfb");
    }

    @Test
    void aBuildContextIsVersionedByItsObjectHashAndTheDockerfilePathWhenGiven() {
        String objectHash = "a93bb4c4b803cf383a4743e4a56ed0e190b22c8bf3365734fafe40ed401c8700";

        assertThat(AnonymousEnvironment.buildVersion(objectHash, null))
                .isEqualTo("15ffa78c0b538210ce26737e387d60a9cf7aa2786be5ba0eee4bc5bec73bcefc");
        assertThat(AnonymousEnvironment.buildVersion(objectHash, "Dockerfile"))
                .isEqualTo("0975c50fc28602b693fc40fbe6f05f783e38a2b99266132f2e9f18ff80b038aa");
    }
}
