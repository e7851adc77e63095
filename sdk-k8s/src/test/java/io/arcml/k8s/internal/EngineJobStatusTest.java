package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.resource.RunState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineJobStatusTest {

    private static GenericKubernetesResource job(String kind, Map<String, Object> status) {
        GenericKubernetesResource job = new GenericKubernetesResourceBuilder()
                .withKind(kind)
                .withNewMetadata()
                .withName("run-1")
                .endMetadata()
                .build();
        if (status != null) {
            job.getAdditionalProperties().put("status", status);
        }
        return job;
    }

    @Test
    void aJobTheControllerHasNotSeenYetHasNoFailure() {
        assertThat(EngineJobStatus.failure(job("Job", null), null)).isEmpty();
        assertThat(EngineJobStatus.failure(job("Job", Map.of("state", Map.of())), null))
                .isEmpty();
        assertThat(EngineJobStatus.failure(job("PyTorchJob", null), null)).isEmpty();
    }

    @Test
    void runningOrCompletedEngineJobsAreNoFailure() {
        assertThat(EngineJobStatus.failure(job("Job", Map.of("state", Map.of("phase", "Running"))), null))
                .isEmpty();
        assertThat(EngineJobStatus.failure(
                        job("PyTorchJob", Map.of("conditions", List.of(Map.of("type", "Succeeded", "status", "True")))),
                        null))
                .isEmpty();
    }

    @Test
    void aVolcanoPhaseWithoutReasonIsNamedByThePhase() {
        assertThat(EngineJobStatus.failure(job("Job", Map.of("state", Map.of("phase", "Terminated"))), null))
                .hasValueSatisfying(s -> {
                    assertThat(s.state()).isEqualTo(RunState.FAILED);
                    assertThat(s.error().code()).isEqualTo("VolcanoJobTerminated");
                    assertThat(s.message())
                            .isEqualTo(
                                    "The Volcano job run-1 is Terminated with no failed instance: VolcanoJobTerminated");
                });
    }
}
