package io.arcml.testing.sim;

import io.arcml.internal.Arguments;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.function.Function;

/**
 * What the simulated kubelet does with a pod: run it for a while and exit with a code, a log and
 * a termination message, or fail to pull its image or mount its volumes. Immutable; each
 * {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * cluster.workload(pod -> pod.getMetadata().getName().contains("-1-"),
 *         PodBehavior.succeeds().exitCode(3).terminationMessage("CUDA out of memory"));
 * }</pre>
 */
public final class PodBehavior {
    private final Duration runFor;
    private final int exitCode;
    private final Function<Pod, String> logs;
    private final String terminationMessage;
    private final String imagePullFailure;
    private final String mountFailure;

    private PodBehavior(
            Duration runFor,
            int exitCode,
            Function<Pod, String> logs,
            String terminationMessage,
            String imagePullFailure,
            String mountFailure) {
        this.runFor = runFor;
        this.exitCode = exitCode;
        this.logs = logs;
        this.terminationMessage = terminationMessage;
        this.imagePullFailure = imagePullFailure;
        this.mountFailure = mountFailure;
    }

    /** Runs 100 ms and exits 0; the log shows the command and the distributed-training variables. */
    public static PodBehavior succeeds() {
        return new PodBehavior(Duration.ofMillis(100), 0, SimulatedLogs::describe, null, null, null);
    }

    /** Runs 100 ms and exits with {@code exitCode}, leaving {@code terminationMessage} ({@code null} for none). */
    public static PodBehavior fails(int exitCode, String terminationMessage) {
        return succeeds().exitCode(exitCode).terminationMessage(terminationMessage);
    }

    /** Never pulls the image: the container waits in {@code ImagePullBackOff}. */
    public static PodBehavior imagePullFails(String message) {
        return new PodBehavior(
                Duration.ZERO, 0, SimulatedLogs::describe, null, Arguments.nonNull(message, "message"), null);
    }

    /** Never mounts its volumes: the pod stays in {@code ContainerCreating} with {@code FailedMount} events. */
    public static PodBehavior mountFails(String message) {
        return new PodBehavior(
                Duration.ZERO, 0, SimulatedLogs::describe, null, null, Arguments.nonNull(message, "message"));
    }

    /** How long the container runs. */
    public PodBehavior runFor(Duration duration) {
        return new PodBehavior(
                Arguments.nonNull(duration, "duration"),
                exitCode,
                logs,
                terminationMessage,
                imagePullFailure,
                mountFailure);
    }

    /** The container's exit code; non-zero fails the pod. */
    public PodBehavior exitCode(int code) {
        return new PodBehavior(runFor, code, logs, terminationMessage, imagePullFailure, mountFailure);
    }

    /** The container's log. */
    public PodBehavior logs(String text) {
        Arguments.nonNull(text, "text");
        return logs(pod -> text);
    }

    /** The container's log, computed from the pod. */
    public PodBehavior logs(Function<Pod, String> text) {
        return new PodBehavior(
                runFor, exitCode, Arguments.nonNull(text, "text"), terminationMessage, imagePullFailure, mountFailure);
    }

    /** The message the container leaves in {@code /dev/termination-log}; {@code null} for none. */
    public PodBehavior terminationMessage(String message) {
        return new PodBehavior(runFor, exitCode, logs, message, imagePullFailure, mountFailure);
    }

    Duration runFor() {
        return runFor;
    }

    int exitCode() {
        return exitCode;
    }

    String logsOf(Pod pod) {
        return logs.apply(pod);
    }

    String terminationMessage() {
        return terminationMessage;
    }

    String imagePullFailure() {
        return imagePullFailure;
    }

    String mountFailure() {
        return mountFailure;
    }

    @Override
    public String toString() {
        return imagePullFailure != null
                ? "PodBehavior{imagePullFails: " + imagePullFailure + "}"
                : mountFailure != null
                        ? "PodBehavior{mountFails: " + mountFailure + "}"
                        : "PodBehavior{runFor=" + runFor + ", exitCode=" + exitCode + "}";
    }
}
