package io.arcml.testing.sim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs bound pods the way their {@link PodBehavior} says: image pull back-off, failed mounts, or
 * Running for a while and then Succeeded or Failed with the exit code, reason and termination
 * message in the container status. Logs are served on the pod's log endpoint.
 */
final class SimulatedKubelet {
    private final KubernetesClient client;
    private final SimulatedEvents events;
    private final Function<Pod, PodBehavior> behaviors;
    private final BiConsumer<Pod, String> logSink;
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();

    SimulatedKubelet(
            KubernetesClient client,
            SimulatedEvents events,
            Function<Pod, PodBehavior> behaviors,
            BiConsumer<Pod, String> logSink) {
        this.client = client;
        this.events = events;
        this.behaviors = behaviors;
        this.logSink = logSink;
    }

    void reconcile() {
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            if (pod.getSpec().getNodeName() == null || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String phase = pod.getStatus() == null ? "Pending" : pod.getStatus().getPhase();
            if ("Pending".equals(phase)) {
                start(pod);
            } else if ("Running".equals(phase)) {
                finishIfDone(pod);
            }
        }
    }

    private void start(Pod pod) {
        PodBehavior b = behaviors.apply(pod);
        Container c = pod.getSpec().getContainers().get(0);
        if (b.imagePullFailure() != null) {
            events.warn(
                    pod, "kubelet", "Failed", "Failed to pull image \"" + c.getImage() + "\": " + b.imagePullFailure());
            setWaiting(pod, c, "ImagePullBackOff", "Back-off pulling image \"" + c.getImage() + "\"");
            return;
        }
        if (b.mountFailure() != null) {
            String volume = pod.getSpec().getVolumes() == null
                    ? "volume"
                    : pod.getSpec().getVolumes().stream()
                            .filter(v -> v.getNfs() != null)
                            .map(Volume::getName)
                            .findFirst()
                            .orElse("volume");
            events.warn(
                    pod,
                    "kubelet",
                    "FailedMount",
                    "MountVolume.SetUp failed for volume \"" + volume + "\" : " + b.mountFailure());
            setWaiting(pod, c, "ContainerCreating", null);
            return;
        }
        String now = Instant.now().toString();
        startedAt.put(pod.getMetadata().getUid(), Instant.now());
        logSink.accept(pod, b.logsOf(pod));
        SimulatedCluster.updatePod(client, pod, p -> {
            p.getStatus().setPhase("Running");
            p.getStatus().setStartTime(now);
            p.getStatus().setHostIP("10.240.0.4");
            p.getStatus().setContainerStatuses(List.of(running(c.getName(), c.getImage(), now)));
            p.getStatus()
                    .setConditions(List.of(
                            condition("PodScheduled", now),
                            condition("Initialized", now),
                            condition("ContainersReady", now),
                            condition("Ready", now)));
        });
    }

    private void finishIfDone(Pod pod) {
        PodBehavior b = behaviors.apply(pod);
        Instant started = startedAt.computeIfAbsent(pod.getMetadata().getUid(), u -> Instant.now());
        if (Instant.now().isBefore(started.plus(b.runFor()))) {
            return;
        }
        Container c = pod.getSpec().getContainers().get(0);
        String now = Instant.now().toString();
        boolean ok = b.exitCode() == 0;
        SimulatedCluster.updatePod(client, pod, p -> {
            p.getStatus().setPhase(ok ? "Succeeded" : "Failed");
            ContainerStatus cs = new ContainerStatusBuilder()
                    .withName(c.getName())
                    .withImage(c.getImage())
                    .withReady(false)
                    .withStarted(false)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(b.exitCode())
                    .withReason(ok ? "Completed" : b.exitCode() == 137 ? "OOMKilled" : "Error")
                    .withMessage(b.terminationMessage())
                    .withStartedAt(started.toString())
                    .withFinishedAt(now)
                    .endTerminated()
                    .endState()
                    .build();
            p.getStatus().setContainerStatuses(List.of(cs));
        });
        startedAt.remove(pod.getMetadata().getUid());
    }

    private void setWaiting(Pod pod, Container c, String reason, String message) {
        List<ContainerStatus> current = pod.getStatus().getContainerStatuses();
        if (current != null
                && !current.isEmpty()
                && current.get(0).getState() != null
                && current.get(0).getState().getWaiting() != null
                && reason.equals(current.get(0).getState().getWaiting().getReason())) {
            return;
        }
        SimulatedCluster.updatePod(
                client,
                pod,
                p -> p.getStatus()
                        .setContainerStatuses(List.of(new ContainerStatusBuilder()
                                .withName(c.getName())
                                .withImage(c.getImage())
                                .withReady(false)
                                .withRestartCount(0)
                                .withNewState()
                                .withNewWaiting()
                                .withReason(reason)
                                .withMessage(message)
                                .endWaiting()
                                .endState()
                                .build())));
    }

    /** A container's status as a kubelet reports it once the container runs: ready, started, never restarted. */
    static ContainerStatus running(String name, String image, String startedAt) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withImage(image)
                .withReady(true)
                .withStarted(true)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .withStartedAt(startedAt)
                .endRunning()
                .endState()
                .build();
    }

    private static PodCondition condition(String type, String now) {
        return new PodConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withLastTransitionTime(now)
                .build();
    }
}
