package io.arcml.testing.sim;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Records Warning events about pods, once per pod and message, as the scheduler and kubelet do. */
final class SimulatedEvents {
    private final KubernetesClient client;
    private final Map<String, String> lastMessage = new ConcurrentHashMap<>();

    SimulatedEvents(KubernetesClient client) {
        this.client = client;
    }

    /** Records an event unless the pod's last event of that reason said the same. */
    void warn(Pod pod, String component, String reason, String message) {
        String key = pod.getMetadata().getUid() + "/" + reason;
        if (message.equals(lastMessage.put(key, message))) {
            return;
        }
        String now = Instant.now().toString();
        try {
            client.v1()
                    .events()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .resource(new EventBuilder()
                            .withNewMetadata()
                            .withName(pod.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
                            .withNamespace(pod.getMetadata().getNamespace())
                            .endMetadata()
                            .withNewInvolvedObject()
                            .withKind("Pod")
                            .withApiVersion("v1")
                            .withName(pod.getMetadata().getName())
                            .withNamespace(pod.getMetadata().getNamespace())
                            .withUid(pod.getMetadata().getUid())
                            .endInvolvedObject()
                            .withType("Warning")
                            .withReason(reason)
                            .withMessage(message)
                            .withCount(1)
                            .withFirstTimestamp(now)
                            .withLastTimestamp(now)
                            .withNewSource()
                            .withComponent(component)
                            .endSource()
                            .build())
                    .create();
        } catch (KubernetesClientException e) {
            lastMessage.remove(key);
        }
    }
}
