package io.arcml;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Connection strings go to the service and nowhere else: not into toString(), output, logs or errors. */
class SecretsTest {
    private static final String RELAY =
            "Endpoint=sb://r.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=RELAYSECRET123=";
    private static final String BUS =
            "Endpoint=sb://b.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=BUSSECRET456=";

    private static KubernetesComputeAttachConfiguration cfg() {
        return KubernetesCompute.attachConfiguration(
                        "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c")
                .relayConnectionString(RELAY)
                .serviceBusConnectionString(BUS);
    }

    @Test
    void connectionStringsNeverPrint() {
        assertThat(cfg().toString())
                .contains("relayConnectionString=***")
                .doesNotContain("RELAYSECRET123")
                .doesNotContain("BUSSECRET456");
        assertThat(cfg().toSpec().toString()).doesNotContain("RELAYSECRET123").doesNotContain("BUSSECRET456");
        assertThat(cfg().toSpec().relayConnectionString()).hasToString("***");
        assertThat(cfg().toSpec().relayConnectionString().reveal()).isEqualTo(RELAY);
    }

    @Test
    void connectionStringsStayOutOfTheComputeItsOutputAndItsErrors() {
        Workspace ws = Workspace.on(EmbeddedControlPlane.builder().instant().build());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        String everything;
        try {
            KubernetesCompute compute =
                    ComputeTarget.attach(ws, "secretive", cfg()).waitForCompletion(true);
            Exception conflict = null;
            try {
                ComputeTarget.attach(ws, "secretive", cfg().namespace("other"));
            } catch (Exception e) {
                conflict = e;
            }
            everything = buf.toString(StandardCharsets.UTF_8)
                    + compute
                    + compute.serialize()
                    + compute.getStatus()
                    + compute.spec()
                    + ws
                    + conflict.getMessage();
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("debug logs of the flow").contains("secretive");
        everything += logged;
        assertThat(everything)
                .doesNotContain("RELAYSECRET123")
                .doesNotContain("BUSSECRET456")
                .doesNotContain("SharedAccessKey=");
    }

    @Test
    void secretsCompareByValue() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
        assertThat(Secret.of(null)).isNull();
    }
}
