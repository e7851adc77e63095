package io.arcml.extension;

import io.arcml.ArcmlException;
import io.arcml.Secret;
import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.KubernetesNames;
import io.arcml.resource.ExtensionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration of the Azure ML cluster extension ({@code Microsoft.AzureML.Kubernetes}):
 * every setting of the how-to, typed, plus free-form keys for the rest. Switches go to the
 * service as the strings {@code "True"}/{@code "False"}; protected settings are write-only and
 * never printed.
 *
 * <pre>{@code
 * AzureMLExtensionConfiguration cfg = AzureMLExtensionConfiguration.builder()
 *     .enableTraining(true)
 *     .installNvidiaDevicePlugin(true)
 *     .build();
 * }</pre>
 */
public final class AzureMLExtensionConfiguration {
    /** The extension type of Azure ML. */
    public static final String EXTENSION_TYPE = "Microsoft.AzureML.Kubernetes";
    /** The namespace the extension installs into. */
    public static final String RELEASE_NAMESPACE = "azureml";

    private final ExtensionSpec spec;

    private AzureMLExtensionConfiguration(ExtensionSpec spec) {
        this.spec = spec;
    }

    /** A new builder; nothing is enabled until asked. */
    public static Builder builder() {
        return new Builder();
    }

    /** The request every transport sends. */
    public ExtensionSpec spec() {
        return spec;
    }

    /** The settings as sent ({@code "True"}/{@code "False"} for switches). */
    public Map<String, String> configurationSettings() {
        return spec.configurationSettings();
    }

    /** A secret-free summary. */
    @Override
    public String toString() {
        return "AzureMLExtensionConfiguration{releaseTrain=" + spec.releaseTrain()
                + (spec.version() == null ? "" : ", version=" + spec.version())
                + ", autoUpgradeMinorVersion=" + spec.autoUpgradeMinorVersion() + ", settings="
                + spec.configurationSettings()
                + (spec.configurationProtectedSettings().isEmpty()
                        ? ""
                        : ", protectedSettings="
                                + spec.configurationProtectedSettings().keySet())
                + "}";
    }

    /** Collects the settings; {@link #build()} checks them together. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, Secret> protectedSettings = new LinkedHashMap<>();
        private String releaseTrain = "stable";
        private String version;
        private boolean autoUpgradeMinorVersion = true;

        private Builder() {}

        /** {@code enableTraining}: run training jobs and batch scoring. Required for training ("E45004 Training feature is not enabled" otherwise). */
        public Builder enableTraining(boolean on) {
            return flag("enableTraining", on);
        }

        /** {@code enableInference}: real-time inference; needs {@link #inferenceRouterServiceType(String)}. */
        public Builder enableInference(boolean on) {
            return flag("enableInference", on);
        }

        /** {@code inferenceRouterServiceType}: {@code loadBalancer}, {@code nodePort} or {@code clusterIP}. */
        public Builder inferenceRouterServiceType(String type) {
            for (String t : new String[] {"loadBalancer", "nodePort", "clusterIP"}) {
                if (t.equalsIgnoreCase(type)) {
                    settings.put("inferenceRouterServiceType", t);
                    return this;
                }
            }
            throw new ValidationException(
                    "inferenceRouterServiceType",
                    type,
                    "is not a router service type",
                    "Use loadBalancer, nodePort or clusterIP");
        }

        /** {@code allowInsecureConnections}: serve inference over plain HTTP (dev/test only). */
        public Builder allowInsecureConnections(boolean on) {
            return flag("allowInsecureConnections", on);
        }

        /** {@code internalLoadBalancerProvider}: {@code azure} for an internal load balancer (AKS only). */
        public Builder internalLoadBalancerProvider(String provider) {
            if (!"azure".equals(provider)) {
                throw new ValidationException(
                        "internalLoadBalancerProvider",
                        provider,
                        "is not supported",
                        "The only provider is azure (AKS clusters)");
            }
            settings.put("internalLoadBalancerProvider", provider);
            return this;
        }

        /** {@code sslSecret}: a secret in namespace {@code azureml} holding {@code cert.pem} and {@code key.pem}. */
        public Builder sslSecret(String secretName) {
            settings.put("sslSecret", requireText("sslSecret", secretName));
            return this;
        }

        /** {@code sslCname}: the CNAME the inference endpoint's certificate is for. */
        public Builder sslCname(String cname) {
            settings.put("sslCname", requireText("sslCname", cname));
            return this;
        }

        /**
         * The inference router's TLS certificate and key, read from PEM files and sent as the
         * protected settings {@code scoringFe.sslCert} and {@code scoringFe.sslKey} (base64).
         */
        public Builder sslCertificate(Path certPemFile, Path keyPemFile) {
            Arguments.nonNull(certPemFile, "certPemFile");
            Arguments.nonNull(keyPemFile, "keyPemFile");
            protectedSettings.put("scoringFe.sslCert", Secret.of(base64("sslCertPemFile", certPemFile)));
            protectedSettings.put("scoringFe.sslKey", Secret.of(base64("sslKeyPemFile", keyPemFile)));
            return this;
        }

        /** {@code inferenceRouterHA}: three router replicas (needs three nodes). Default on. */
        public Builder inferenceRouterHA(boolean on) {
            return flag("inferenceRouterHA", on);
        }

        /** {@code nodeSelector.<key>}: pins the extension and its workloads to nodes with this label; cannot be removed later. */
        public Builder nodeSelector(String key, String value) {
            KubernetesNames.requireLabelKey("nodeSelector", key);
            settings.put("nodeSelector." + key, KubernetesNames.requireLabelValue("nodeSelector." + key, value));
            return this;
        }

        /** {@code installNvidiaDevicePlugin}: install the NVIDIA device plugin DaemonSet. */
        public Builder installNvidiaDevicePlugin(boolean on) {
            return flag("installNvidiaDevicePlugin", on);
        }

        /** {@code installPromOp}: install the bundled Prometheus operator; turn off when one already runs. Default on. */
        public Builder installPromOp(boolean on) {
            return flag("installPromOp", on);
        }

        /** {@code installVolcano}: install the bundled Volcano scheduler; turn off when Volcano already runs. Default on. */
        public Builder installVolcano(boolean on) {
            return flag("installVolcano", on);
        }

        /** {@code installDcgmExporter}: install the DCGM exporter for GPU metrics. */
        public Builder installDcgmExporter(boolean on) {
            return flag("installDcgmExporter", on);
        }

        /** {@code logAnalyticsWS}: send logs to the workspace's Log Analytics. */
        public Builder logAnalyticsWS(boolean on) {
            return flag("logAnalyticsWS", on);
        }

        /** {@code installBlobfuseSysctl}: install blobfuse on the nodes (default on with training). */
        public Builder installBlobfuseSysctl(boolean on) {
            return flag("installBlobfuseSysctl", on);
        }

        /** {@code installBlobfuseFlexvol}: install the blobfuse flexvolume driver (default on with training). */
        public Builder installBlobfuseFlexvol(boolean on) {
            return flag("installBlobfuseFlexvol", on);
        }

        /** {@code volumePluginDir}: the host path of flexvolume plugins, default {@code /etc/kubernetes/volumeplugins}. */
        public Builder volumePluginDir(String hostPath) {
            if (hostPath == null || !hostPath.startsWith("/")) {
                throw new ValidationException(
                        "volumePluginDir",
                        hostPath,
                        "is not an absolute host path",
                        "Give the kubelet's flexvolume directory, e.g. /etc/kubernetes/volumeplugins or /usr/libexec/kubernetes/kubelet-plugins/volume/exec");
            }
            settings.put("volumePluginDir", hostPath);
            return this;
        }

        /**
         * Any setting, as the CLI's {@code --config key=value}. Known settings are checked as their
         * typed methods check them: switches take {@code true}/{@code false} ({@code True}/{@code False}
         * too), {@code nodeSelector.<key>} a label value. A key one slip away from a known one
         * ({@code instalNvidiaDevicePlugin}, {@code enabletraining}) is refused naming the known
         * key; secrets go through {@link #protectedSetting(String, String)}.
         */
        public Builder setting(String key, String value) {
            requireText("setting key", key);
            if (ExtensionSettings.isSecret(key)) {
                throw new ValidationException(
                        key,
                        "***",
                        "is a secret and would be readable by anyone who can read the extension",
                        "Pass it with protectedSetting(\"" + key + "\", value)");
            }
            if (!ExtensionSettings.isKnown(key)) {
                ExtensionSettings.nearMiss(key).ifPresent(known -> {
                    throw new ValidationException(
                            key,
                            key,
                            "is not a setting of the extension; did you mean '" + known + "'?",
                            "Write it as '" + known
                                    + "' (keys are case-sensitive); the extension ignores keys it does not know");
                });
            }
            if (ExtensionSettings.SWITCHES.contains(key)) {
                return flag(key, ExtensionSettings.parseSwitch(key, value));
            }
            if (key.startsWith(ExtensionSettings.NODE_SELECTOR)) {
                return nodeSelector(key.substring(ExtensionSettings.NODE_SELECTOR.length()), value);
            }
            switch (key) {
                case "inferenceRouterServiceType" -> inferenceRouterServiceType(value);
                case "internalLoadBalancerProvider" -> internalLoadBalancerProvider(value);
                case "volumePluginDir" -> volumePluginDir(value);
                case "sslSecret" -> sslSecret(value);
                case "sslCname" -> sslCname(value);
                default -> settings.put(key, value == null ? "" : value);
            }
            return this;
        }

        /** A write-only setting, as the CLI's {@code --config-protected key=value}; never printed or returned. */
        public Builder protectedSetting(String key, String value) {
            requireText("protected setting key", key);
            if (value == null) {
                throw new ValidationException(key, null, "has no value", "Give the protected setting's value");
            }
            protectedSettings.put(key, Secret.of(value));
            return this;
        }

        /** The release train, {@code stable} (default) or {@code preview}. */
        public Builder releaseTrain(String train) {
            if (!"stable".equalsIgnoreCase(train) && !"preview".equalsIgnoreCase(train)) {
                throw new ValidationException("releaseTrain", train, "is not a release train", "Use stable or preview");
            }
            this.releaseTrain = train.toLowerCase(Locale.ROOT);
            return this;
        }

        /** Pins a version; needs {@code autoUpgradeMinorVersion(false)}. */
        public Builder version(String version) {
            this.version = requireText("version", version);
            return this;
        }

        /** Whether minor versions upgrade themselves. Default on. */
        public Builder autoUpgradeMinorVersion(boolean on) {
            this.autoUpgradeMinorVersion = on;
            return this;
        }

        private Builder flag(String key, boolean on) {
            settings.put(key, on ? "True" : "False");
            return this;
        }

        /**
         * Checks the settings together.
         *
         * @throws ValidationException naming the setting, its value and the fix
         */
        public AzureMLExtensionConfiguration build() {
            boolean training = isTrue("enableTraining");
            boolean inference = isTrue("enableInference");
            if (!training && !inference) {
                throw new ValidationException(
                        "enableTraining",
                        settings.get("enableTraining"),
                        "is off and so is enableInference: the extension would do nothing",
                        "Call enableTraining(true) for training jobs, enableInference(true) for inference, or both");
            }
            if (inference && !settings.containsKey("inferenceRouterServiceType")) {
                throw new ValidationException(
                        "inferenceRouterServiceType",
                        null,
                        "is required when enableInference is on",
                        "Call inferenceRouterServiceType(\"loadBalancer\"), (\"nodePort\") or (\"clusterIP\")");
            }
            if (inference && !isTrue("allowInsecureConnections") && !settings.containsKey("sslCname")) {
                throw new ValidationException(
                        "sslCname",
                        null,
                        "is required for inference over HTTPS",
                        "Call sslCname(..) with sslSecret(..) or sslCertificate(cert, key), or allowInsecureConnections(true) for dev/test");
            }
            if (inference
                    && !isTrue("allowInsecureConnections")
                    && !settings.containsKey("sslSecret")
                    && !protectedSettings.containsKey("scoringFe.sslCert")) {
                throw new ValidationException(
                        "sslSecret",
                        null,
                        "is required for inference over HTTPS",
                        "Call sslSecret(\"<secret in namespace azureml>\") or sslCertificate(certPem, keyPem)");
            }
            if (version != null && autoUpgradeMinorVersion) {
                throw new ValidationException(
                        "version",
                        version,
                        "is pinned while autoUpgradeMinorVersion is on",
                        "Call autoUpgradeMinorVersion(false) to pin a version, or drop version(..)");
            }
            return new AzureMLExtensionConfiguration(new ExtensionSpec(
                    EXTENSION_TYPE,
                    RELEASE_NAMESPACE,
                    releaseTrain,
                    version,
                    autoUpgradeMinorVersion,
                    settings,
                    protectedSettings));
        }

        private boolean isTrue(String key) {
            return "True".equals(settings.get(key));
        }

        private static String requireText(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new ValidationException(field, value, "is empty", "Give a value");
            }
            return value;
        }

        private static String base64(String field, Path file) {
            try {
                return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new ArcmlException(
                        field + ": cannot read '" + file + "' (" + e.getClass().getSimpleName()
                                + "). Give the path of a PEM file",
                        e);
            }
        }
    }
}
