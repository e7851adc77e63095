package io.arcml.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.JobIdentity;
import io.arcml.resource.EarlyTerminationSpec;
import io.arcml.resource.ParameterSpec;
import io.arcml.resource.SamplingSpec;
import io.arcml.resource.SweepSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepJobToSpecTest {

    private static SweepJob.Builder sweep() {
        return SweepJob.builder()
                .name("lr-sweep")
                .trial(CommandJob.builder()
                        .image("python:3.11")
                        .instanceType("gpu_instance")
                        .command("python train.py --lr ${{search_space.lr}} --bs ${{search_space.bs}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.uniform(0.001, 0.1))
                        .parameter("bs", Parameter.choice(16, 32))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.random(42))
                .objective(Objective.maximize("accuracy"))
                .limits(new SweepLimits(8, 2, Duration.ofHours(2), Duration.ofMinutes(20)))
                .earlyTermination(EarlyTerminationPolicy.medianStopping(1, 5));
    }

    @Test
    void theSpecCarriesTheSweepInTheControlPlanesValues() {
        SweepSpec spec = sweep().build().toSpec();

        assertThat(spec.name()).isEqualTo("lr-sweep");
        assertThat(spec.experimentName()).isEqualTo("lr-sweep");
        assertThat(spec.trial().instanceType()).isEqualTo("gpu_instance");
        assertThat(spec.trial().command()).contains("${{search_space.lr}}");
        assertThat(spec.searchSpace())
                .containsExactly(
                        Map.entry("lr", new ParameterSpec("uniform", List.of(0.001, 0.1))),
                        Map.entry("bs", new ParameterSpec("choice", List.of(List.of(16, 32)))));
        assertThat(spec.searchSpace().get("lr").number(1)).isEqualTo(0.1);
        assertThat(spec.searchSpace().get("bs").choices()).containsExactly(16, 32);
        assertThat(spec.sampling()).isEqualTo(new SamplingSpec("Random", 42));
        assertThat(spec.primaryMetric()).isEqualTo("accuracy");
        assertThat(spec.maximizes()).isTrue();
        assertThat(spec.maxTotalTrials()).isEqualTo(8);
        assertThat(spec.maxConcurrentTrials()).isEqualTo(2);
        assertThat(spec.timeout()).isEqualTo(Duration.ofHours(2));
        assertThat(spec.trialTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(spec.earlyTermination()).isEqualTo(new EarlyTerminationSpec("MedianStopping", 0, 0, 0, 1, 5));
    }

    @Test
    void theSpecWritesTheSameRestBodyAsTheSweep() {
        SweepJob job = sweep().build();
        assertThat(job.toSpec().serialize()).isEqualTo(job.serialize());
        assertThat(job.toSpec().serialize())
                .containsEntry(
                        "samplingAlgorithm", Map.of("samplingAlgorithmType", "Random", "seed", 42L, "rule", "Random"))
                .containsEntry(
                        "earlyTermination",
                        Map.of("policyType", "MedianStopping", "evaluationInterval", 1, "delayEvaluation", 5))
                .containsEntry("objective", Map.of("primaryMetric", "accuracy", "goal", "Maximize"));
    }

    @Test
    void eachPolicyAndAlgorithmKeepsItsRestForm() {
        assertThat(EarlyTerminationPolicy.bandit(0.1, 1, 2).serialize())
                .containsExactly(
                        Map.entry("policyType", "Bandit"),
                        Map.entry("slackFactor", 0.1),
                        Map.entry("evaluationInterval", 1),
                        Map.entry("delayEvaluation", 2));
        assertThat(EarlyTerminationPolicy.truncationSelection(20, 1, 3, false).serialize())
                .isEqualTo(Map.of(
                        "policyType",
                        "TruncationSelection",
                        "truncationPercentage",
                        20,
                        "evaluationInterval",
                        1,
                        "delayEvaluation",
                        3));
        assertThat(SamplingAlgorithm.grid().serialize()).isEqualTo(Map.of("samplingAlgorithmType", "Grid"));
        assertThat(SamplingAlgorithm.sobol(7).serialize())
                .isEqualTo(Map.of("samplingAlgorithmType", "Random", "seed", 7L, "rule", "Sobol"));
        assertThat(SamplingAlgorithm.bayesian().serialize()).isEqualTo(Map.of("samplingAlgorithmType", "Bayesian"));
    }

    @Test
    void theSpecRefusesWhatOnlyAzureMlDoesAsTheSweepDoes() {
        SweepSpec withIdentity =
                sweep().identity(JobIdentity.amlToken()).build().toSpec();
        assertThatThrownBy(() -> withIdentity.requireRunnableWithoutAzure("the direct cluster transport"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("identity")
                .hasMessageContaining("the direct cluster transport runs jobs without one");
        SweepSpec nested = sweep().searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.uniform(0.001, 0.1))
                        .parameter("bs", Parameter.choice(Map.of("wd", Parameter.uniform(0.0, 0.1))))
                        .build())
                .build()
                .toSpec();
        assertThatThrownBy(() -> nested.requireFlat("Katib"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("search_space.bs.values");
    }
}
