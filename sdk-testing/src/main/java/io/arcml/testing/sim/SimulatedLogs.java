package io.arcml.testing.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The default log of a simulated container: where it ran, its command, and its training variables resolved. */
final class SimulatedLogs {
    private static final Set<String> SHOWN = Set.of(
            "NODE_RANK",
            "MASTER_ADDR",
            "MASTER_PORT",
            "WORLD_SIZE",
            "RANK",
            "PET_NNODES",
            "PET_NPROC_PER_NODE",
            "TF_CONFIG",
            "OMPI_MCA_orte_default_hostfile",
            "AZUREML_NODE_COUNT");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private SimulatedLogs() {}

    static String describe(Pod pod) {
        Container c = pod.getSpec().getContainers().get(0);
        StringBuilder sb = new StringBuilder();
        sb.append("[")
                .append(pod.getSpec().getNodeName())
                .append("] ")
                .append(String.join(" ", c.getCommand() == null ? List.of() : c.getCommand()))
                .append('\n');
        resolve(pod, c).forEach((k, v) -> {
            if (SHOWN.contains(k)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return sb.toString();
    }

    /** The container's environment as the kubelet would set it: downward-API annotations read, {@code $(VAR)} expanded. */
    static Map<String, String> resolve(Pod pod, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            String value = e.getValue();
            if (value == null && e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
                value = fieldRef(pod, e.getValueFrom().getFieldRef().getFieldPath());
            }
            if (value != null) {
                Matcher m = REFERENCE.matcher(value);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
                }
                m.appendTail(out);
                value = out.toString();
            }
            env.put(e.getName(), value == null ? "" : value);
        }
        return env;
    }

    private static String fieldRef(Pod pod, String path) {
        Matcher m = Pattern.compile("metadata\\.(annotations|labels)\\['([^']+)'\\]")
                .matcher(path);
        if (m.matches()) {
            Map<String, String> source = "annotations".equals(m.group(1))
                    ? pod.getMetadata().getAnnotations()
                    : pod.getMetadata().getLabels();
            return source == null ? "" : source.getOrDefault(m.group(2), "");
        }
        return switch (path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            default -> "";
        };
    }
}
