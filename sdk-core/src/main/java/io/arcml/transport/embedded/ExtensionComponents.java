package io.arcml.transport.embedded;

import io.arcml.compute.ClusterResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pods the Azure ML extension runs in its release namespace, by setting, as its Helm chart
 * lays them out: the common components, training, inference, Volcano, the NVIDIA device plugin.
 */
final class ExtensionComponents {
    private ExtensionComponents() {}

    static List<String> podNames(String extensionName, ClusterResourceId cluster, Map<String, String> settings) {
        List<String> pods = new ArrayList<>();
        pods.add("gateway");
        pods.add("metrics-controller-manager");
        pods.add(extensionName + "-kube-state-metrics");
        pods.add("cluster-status-reporter");
        pods.add("fluent-bit");
        if (on(settings, "installPromOp", true)) {
            pods.add(extensionName + "-prometheus-operator");
            pods.add("prometheus-prom-prometheus");
        }
        if (cluster.kind() == ClusterResourceId.Kind.ARC) {
            pods.add("relayserver");
        }
        if (on(settings, "enableTraining", false)) {
            pods.add("aml-operator");
        }
        if (on(settings, "enableInference", false)) {
            pods.add("azureml-fe-v2");
            pods.add("inference-operator-controller-manager");
            pods.add("azureml-ingress-nginx-controller");
            pods.add("amlarc-identity-controller");
            pods.add("amlarc-identity-proxy");
        }
        if (on(settings, "installVolcano", true)) {
            pods.add("volcano-admission");
            pods.add("volcano-controllers");
            pods.add("volcano-scheduler");
        }
        if (on(settings, "installDcgmExporter", false)) {
            pods.add("dcgm-exporter");
        }
        if (on(settings, "installNvidiaDevicePlugin", false)) {
            pods.add("nvidia-device-plugin-daemonset");
        }
        List<String> named = new ArrayList<>();
        for (String p : pods) {
            named.add(p + "-" + suffix(cluster + "/" + p));
        }
        return named;
    }

    private static boolean on(Map<String, String> settings, String key, boolean dflt) {
        String v = settings.get(key);
        return v == null ? dflt : Boolean.parseBoolean(v);
    }

    /** A stable ReplicaSet-like suffix, so pod names are the same on every read. */
    private static String suffix(String seed) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        long h = seed.hashCode() & 0xffffffffL;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(alphabet.charAt((int) (h % alphabet.length())));
            h /= alphabet.length();
        }
        return sb.toString();
    }
}
