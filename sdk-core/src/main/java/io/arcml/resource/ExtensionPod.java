package io.arcml.resource;

/**
 * A pod of the extension in its release namespace: one row of {@code kubectl get pods -n azureml}.
 *
 * @param name the pod name
 * @param phase {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed} or {@code Unknown}
 * @param ready whether all its containers are ready
 * @param restarts how often its containers restarted
 * @param reason why it is not running (a waiting reason such as {@code CrashLoopBackOff}), or {@code null}
 */
public record ExtensionPod(String name, String phase, boolean ready, int restarts, String reason) {

    /** True when the pod is Running and ready, or a hook pod that Succeeded. */
    public boolean isHealthy() {
        return ("Running".equals(phase) && ready) || "Succeeded".equals(phase);
    }

    @Override
    public String toString() {
        return String.format(
                "%-55s %-10s ready=%-5s restarts=%d%s",
                name, phase, ready, restarts, reason == null ? "" : " " + reason);
    }
}
