package io.arcml.k8s.internal;

import io.arcml.internal.Arguments;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound proxy job pods use, as the pod specs need it: the user's
 * {@code io.arcml.k8s.TrainingPodProxy} validates it and the control plane hands it over as this.
 *
 * @param httpProxy the HTTP proxy URL, or {@code null}
 * @param httpsProxy the HTTPS proxy URL, or {@code null}
 * @param noProxy the hosts, domains and CIDRs reached directly, {@link #ALWAYS_BYPASSED} first
 */
public record PodProxy(String httpProxy, String httpsProxy, List<String> noProxy) {
    /** Always reached directly: loopback and the cluster's own services. */
    public static final List<String> ALWAYS_BYPASSED = List.of("127.0.0.1", "localhost", ".svc", ".cluster.local");

    /** Canonical constructor: copies the list. */
    public PodProxy {
        noProxy = List.copyOf(Arguments.nonNull(noProxy, "noProxy"));
    }

    /** {@code base} then the entries of {@code extra} it lacks, comma-separated, as {@code NO_PROXY} takes them. */
    public static String joinNoProxy(List<String> base, List<String> extra) {
        Arguments.nonNull(base, "base");
        Arguments.nonNull(extra, "extra");
        List<String> all = new ArrayList<>(base);
        extra.stream()
                .map(String::trim)
                .filter(e -> !e.isEmpty() && !all.contains(e))
                .forEach(all::add);
        return String.join(",", all);
    }
}
