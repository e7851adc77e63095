package io.arcml.extension;

import io.arcml.compute.ProvisioningState;
import io.arcml.resource.ExtensionPod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The how-to's two checks of an installed extension in one answer: its provisioning state is
 * {@code Succeeded}, and every pod in {@code azureml} is Running.
 *
 * @param status the extension as read
 * @param pods the pods in the release namespace; empty when the transport cannot see them
 */
public record ExtensionVerification(ExtensionStatus status, Optional<List<ExtensionPod>> pods) {

    /** Canonical constructor: copies the pods. */
    public ExtensionVerification {
        pods = pods.map(List::copyOf);
    }

    /** True when the extension Succeeded and every pod that could be seen is healthy. */
    public boolean isHealthy() {
        return problems().isEmpty();
    }

    /** What is wrong, one line each; empty when healthy. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (status.provisioningState() != ProvisioningState.SUCCEEDED) {
            out.add("extension '" + status.name() + "' is " + status.provisioningState()
                    + (status.errorInfo() == null
                            ? ""
                            : ": " + status.errorInfo().code() + ": "
                                    + status.errorInfo().message()));
        }
        pods.ifPresent(list -> {
            if (list.isEmpty()) {
                out.add("no pods in namespace " + status.releaseNamespace());
            }
            for (ExtensionPod p : list) {
                if (!p.isHealthy()) {
                    out.add("pod " + p.name() + " is " + p.phase() + (p.ready() ? "" : ", not ready")
                            + (p.reason() == null ? "" : " (" + p.reason() + ")"));
                }
            }
        });
        return out;
    }

    /** The verdict, the state, and the pods as {@code kubectl get pods} lists them. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("Extension ")
                .append(status.name())
                .append(" (")
                .append(status.extensionType())
                .append("): provisioningState=")
                .append(status.provisioningState());
        if (status.currentVersion() != null) {
            sb.append(", version=").append(status.currentVersion());
        }
        sb.append(isHealthy() ? " - healthy" : " - NOT healthy");
        if (pods.isPresent()) {
            sb.append("\npods in ").append(status.releaseNamespace()).append(':');
            pods.get().forEach(p -> sb.append("\n  ").append(p));
        } else {
            sb.append("\npods: not visible through this control plane (kubectl get pods -n ")
                    .append(status.releaseNamespace())
                    .append(")");
        }
        problems().forEach(p -> sb.append("\nproblem: ").append(p));
        return sb.toString();
    }
}
