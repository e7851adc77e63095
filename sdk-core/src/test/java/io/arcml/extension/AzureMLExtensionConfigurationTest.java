package io.arcml.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.resource.ExtensionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureMLExtensionConfigurationTest {

    @Test
    void everySettingOfTheHowToGoesOutAsAString() {
        AzureMLExtensionConfiguration cfg = AzureMLExtensionConfiguration.builder()
                .enableTraining(true)
                .logAnalyticsWS(false)
                .installNvidiaDevicePlugin(true)
                .installBlobfuseSysctl(true)
                .installBlobfuseFlexvol(false)
                .volumePluginDir("/etc/kubernetes/volumeplugins")
                .installPromOp(false)
                .installVolcano(false)
                .installDcgmExporter(true)
                .nodeSelector("agentpool", "gpu")
                .setting("clusterPurpose", "DevTest")
                .build();

        assertThat(cfg.configurationSettings())
                .containsExactly(
                        Map.entry("enableTraining", "True"),
                        Map.entry("logAnalyticsWS", "False"),
                        Map.entry("installNvidiaDevicePlugin", "True"),
                        Map.entry("installBlobfuseSysctl", "True"),
                        Map.entry("installBlobfuseFlexvol", "False"),
                        Map.entry("volumePluginDir", "/etc/kubernetes/volumeplugins"),
                        Map.entry("installPromOp", "False"),
                        Map.entry("installVolcano", "False"),
                        Map.entry("installDcgmExporter", "True"),
                        Map.entry("nodeSelector.agentpool", "gpu"),
                        Map.entry("clusterPurpose", "DevTest"));
        ExtensionSpec spec = cfg.spec();
        assertThat(spec.extensionType()).isEqualTo("Microsoft.AzureML.Kubernetes");
        assertThat(spec.releaseNamespace()).isEqualTo("azureml");
        assertThat(spec.releaseTrain()).isEqualTo("stable");
        assertThat(spec.autoUpgradeMinorVersion()).isTrue();
    }

    @Test
    void inferenceNeedsARouterServiceTypeAndTlsOrInsecureConnections() {
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder()
                        .enableInference(true)
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("inferenceRouterServiceType: missing is required when enableInference is on");
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder()
                        .enableInference(true)
                        .inferenceRouterServiceType("LoadBalancer")
                        .build())
                .hasMessageStartingWith("sslCname: missing is required for inference over HTTPS");
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder()
                        .enableInference(true)
                        .inferenceRouterServiceType("nodePort")
                        .sslCname("ml.contoso.com")
                        .build())
                .hasMessageStartingWith("sslSecret: missing is required");

        var insecure = AzureMLExtensionConfiguration.builder()
                .enableInference(true)
                .inferenceRouterServiceType("LOADBALANCER")
                .allowInsecureConnections(true)
                .build();
        assertThat(insecure.configurationSettings())
                .containsEntry("inferenceRouterServiceType", "loadBalancer")
                .containsEntry("allowInsecureConnections", "True");
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder().inferenceRouterServiceType("ingress"))
                .hasMessageContaining("loadBalancer, nodePort or clusterIP");
    }

    @Test
    void anExtensionThatDoesNothingIsRejected() {
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder().build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("enableTraining(true)");
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder()
                        .enableTraining(false)
                        .build())
                .hasMessageStartingWith("enableTraining: 'False'");
    }

    @Test
    void aPinnedVersionNeedsAutoUpgradeOff() {
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder()
                        .enableTraining(true)
                        .version("1.1.64")
                        .build())
                .hasMessageContaining("autoUpgradeMinorVersion(false)");
        var pinned = AzureMLExtensionConfiguration.builder()
                .enableTraining(true)
                .version("1.1.64")
                .autoUpgradeMinorVersion(false)
                .build();
        assertThat(pinned.spec().version()).isEqualTo("1.1.64");
    }

    @Test
    void rejectsBadValuesWithTheFix() {
        var b = AzureMLExtensionConfiguration.builder();
        assertThatThrownBy(() -> b.volumePluginDir("etc/volumeplugins"))
                .hasMessageStartingWith("volumePluginDir: 'etc/volumeplugins'");
        assertThatThrownBy(() -> b.nodeSelector("bad key", "x")).hasMessageStartingWith("nodeSelector: 'bad key'");
        assertThatThrownBy(() -> b.nodeSelector("pool", "bad value"))
                .hasMessageStartingWith("nodeSelector.pool: 'bad value'");
        assertThatThrownBy(() -> b.internalLoadBalancerProvider("gcp")).hasMessageContaining("azure");
        assertThatThrownBy(() -> b.releaseTrain("nightly")).hasMessageContaining("stable or preview");
    }

    @Test
    void secretsCannotGoThroughPlainSettingsAndNeverPrint() {
        String connectionString =
                "Endpoint=sb://relay.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=s3cr3tValue=";
        assertThatThrownBy(() ->
                        AzureMLExtensionConfiguration.builder().setting("relayConnectionString", connectionString))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("protectedSetting(\"relayConnectionString\"")
                .hasMessageNotContaining("s3cr3tValue");

        var cfg = AzureMLExtensionConfiguration.builder()
                .enableTraining(true)
                .protectedSetting("relayConnectionString", connectionString)
                .build();
        assertThat(cfg.spec()
                        .configurationProtectedSettings()
                        .get("relayConnectionString")
                        .reveal())
                .isEqualTo(connectionString);
        assertThat(cfg.toString()).contains("relayConnectionString").doesNotContain("s3cr3tValue");
        assertThat(cfg.spec().toString()).doesNotContain("s3cr3tValue");
        assertThat(cfg.configurationSettings()).doesNotContainKey("relayConnectionString");
    }

    @Test
    void theTlsCertificateIsReadFromPemFilesIntoProtectedSettings(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(
                dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(
                dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nsecretkeymaterial\n-----END PRIVATE KEY-----\n");

        var cfg = AzureMLExtensionConfiguration.builder()
                .enableInference(true)
                .inferenceRouterServiceType("loadBalancer")
                .sslCname("ml.contoso.com")
                .sslCertificate(cert, key)
                .build();

        var prot = cfg.spec().configurationProtectedSettings();
        assertThat(new String(
                        Base64.getDecoder().decode(prot.get("scoringFe.sslKey").reveal())))
                .contains("secretkeymaterial");
        assertThat(cfg.toString())
                .doesNotContain("secretkeymaterial")
                .doesNotContain(prot.get("scoringFe.sslKey").reveal());
        assertThatThrownBy(
                        () -> AzureMLExtensionConfiguration.builder().sslCertificate(dir.resolve("missing.pem"), key))
                .hasMessageContaining("sslCertPemFile: cannot read");
    }

    @Test
    void switchesGivenAsSettingsReadTrueAndFalseAsAzuresCliDoes() {
        AzureMLExtensionConfiguration cfg = AzureMLExtensionConfiguration.builder()
                .setting("enableTraining", "true")
                .setting("installNvidiaDevicePlugin", "True")
                .setting("installVolcano", "false")
                .setting("installPromOp", "False")
                .build();

        assertThat(cfg.configurationSettings())
                .containsExactly(
                        Map.entry("enableTraining", "True"),
                        Map.entry("installNvidiaDevicePlugin", "True"),
                        Map.entry("installVolcano", "False"),
                        Map.entry("installPromOp", "False"));
    }

    @Test
    void switchesRefuseAnythingButTrueOrFalse() {
        for (String bad : new String[] {"yes", "maybe", "1", "TRUE", "on", ""}) {
            assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder().setting("installNvidiaDevicePlugin", bad))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("installNvidiaDevicePlugin: '" + bad
                            + "' is not an on/off value. Use true or false (True and False are read too)");
        }
    }

    @Test
    void nearMissKeysAreRefusedNamingTheKnownKey() {
        Map<String, String> misses = Map.of(
                "instalNvidiaDevicePlugin",
                "installNvidiaDevicePlugin",
                "enabletraining",
                "enableTraining",
                "EnableTraining",
                "enableTraining",
                "installVolcanoo",
                "installVolcano",
                "nodeselector.agentpool",
                "nodeSelector.agentpool",
                "sslCName",
                "sslCname");
        misses.forEach((miss, known) -> assertThatThrownBy(
                        () -> AzureMLExtensionConfiguration.builder().setting(miss, "True"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        miss + ": '" + miss + "' is not a setting of the extension; did you mean '" + known + "'?"));
        assertThat(AzureMLExtensionConfiguration.builder()
                        .enableTraining(true)
                        .setting("myTeam.feature", "x")
                        .build()
                        .configurationSettings())
                .containsEntry("myTeam.feature", "x");
    }

    @Test
    void knownSettingsGivenAsSettingsAreCheckedAsTheirTypedMethodsCheckThem() {
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder().setting("nodeSelector.pool", "-gpu"))
                .hasMessageStartingWith("nodeSelector.pool: '-gpu' is not a Kubernetes label value");
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder().setting("nodeSelector.a/b/c", "x"))
                .hasMessageStartingWith("nodeSelector: 'a/b/c' is not a Kubernetes label key");
        assertThatThrownBy(
                        () -> AzureMLExtensionConfiguration.builder().setting("inferenceRouterServiceType", "ingress"))
                .hasMessageStartingWith("inferenceRouterServiceType: 'ingress'");
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder().setting("volumePluginDir", "plugins"))
                .hasMessageStartingWith("volumePluginDir: 'plugins'");
    }

    @Test
    void nodeSelectorKeysAndValuesFollowKubernetesLabelRules() {
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder().nodeSelector("Example.com/pool", "gpu"))
                .hasMessageStartingWith("nodeSelector: 'Example.com/pool' is not a Kubernetes label key");
        assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder().nodeSelector("pool", "v".repeat(64)))
                .hasMessageContaining("has 64 characters");
    }

    @Test
    void settingsThatReadLikeSecretsMustBeProtected() {
        for (String key :
                new String[] {"storage.accountKey", "proxy.password", "registryToken", "relayConnectionString"}) {
            assertThatThrownBy(() -> AzureMLExtensionConfiguration.builder().setting(key, "hunter2"))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("protectedSetting(\"" + key + "\", value)")
                    .hasMessageNotContaining("hunter2");
        }
        AzureMLExtensionConfiguration cfg = AzureMLExtensionConfiguration.builder()
                .enableTraining(true)
                .protectedSetting("proxy.password", "hunter2")
                .build();
        assertThat(cfg.spec().configurationProtectedSettings()).containsKey("proxy.password");
        assertThat(cfg.configurationSettings()).doesNotContainKey("proxy.password");
        assertThat(cfg.toString()).contains("proxy.password").doesNotContain("hunter2");
    }
}
