package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatusReaderTest {

    private static Pod pod(String name, String phase, String role) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(ArcmlLabels.ROLE, role)
                .endMetadata()
                .withNewSpec()
                .withNodeName("n1")
                .addNewContainer()
                .withName("main")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
    }

    @Test
    void aRunWithoutPodsSaysWhatItWaitsFor() {
        RunStatus s = RunStatusReader.read(
                List.of(), List.of(), 2, p -> List.of(), List::of, "the Kubeflow training operator (is it running?)");
        assertThat(s)
                .isEqualTo(RunStatus.of(
                        RunState.QUEUED,
                        "Waiting for the Kubeflow training operator (is it running?) to create the instances' pods"));
    }

    @Test
    void anOutOfMemoryKillIsNamedWithTheFix() {
        Pod killed = new PodBuilder(pod("r-0", "Failed", "worker"))
                .editStatus()
                .addNewContainerStatus()
                .withName("main")
                .withNewState()
                .withNewTerminated()
                .withExitCode(137)
                .withReason("OOMKilled")
                .endTerminated()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
        RunStatus s = RunStatusReader.read(
                List.of(killed, pod("r-1", "Running", "worker")), List.of(), 2, p -> List.of(), List::of, "x");
        assertThat(s.state()).isEqualTo(RunState.FAILED);
        assertThat(s.error().code()).isEqualTo("OutOfMemory");
        assertThat(s.message())
                .isEqualTo(
                        "Instance r-0 failed with exit code 137 (OOMKilled). It ran out of memory: use an instance type with more memory");
    }

    @Test
    void parameterServersDoNotCountTowardsCompletion() {
        List<Pod> pods = List.of(pod("r-0", "Succeeded", "worker"), pod("r-ps-0", "Running", "ps"));
        assertThat(RunStatusReader.read(pods, List.of(), 1, p -> List.of(), List::of, "x")
                        .state())
                .isEqualTo(RunState.COMPLETED);
        assertThat(RunStatusReader.read(pods, List.of(), 2, p -> List.of(), List::of, "x")
                        .state())
                .isEqualTo(RunState.RUNNING);
    }

    private static Job job(String name, String... trueConditions) {
        JobBuilder b = new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(ArcmlLabels.RUN, "r")
                .endMetadata()
                .withNewStatus()
                .endStatus();
        for (String type : trueConditions) {
            b.editStatus()
                    .addNewCondition()
                    .withType(type)
                    .withStatus("True")
                    .endCondition()
                    .endStatus();
        }
        return b.build();
    }

    @Test
    void aRunOnJobsCompletesWhenTheJobControllerMarksItsJobsCompleteNotBefore() {
        List<Pod> pods = List.of(pod("r-0", "Succeeded", "worker"), pod("r-ps-0", "Running", "ps"));

        RunStatus counting = RunStatusReader.read(
                pods, List.of(job("r", "SuccessCriteriaMet"), job("r-ps")), 1, p -> List.of(), List::of, "x");
        RunStatus recorded = RunStatusReader.read(
                pods,
                List.of(job("r", "SuccessCriteriaMet", "Complete"), job("r-ps")),
                1,
                p -> List.of(),
                List::of,
                "x");

        assertThat(counting)
                .isEqualTo(RunStatus.of(
                        RunState.RUNNING,
                        "All 1 instance(s) succeeded; waiting for the Job controller to mark r Complete"));
        // The parameter servers' Job never completes: it is not waited for.
        assertThat(recorded.state()).isEqualTo(RunState.COMPLETED);
    }
}
