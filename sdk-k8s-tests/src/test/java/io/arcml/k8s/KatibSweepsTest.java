package io.arcml.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.JobInput;
import io.arcml.k8s.internal.KatibExperiments;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.sweep.SweepRun;
import io.arcml.transport.ControlPlaneException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sweeps submitted as Katib Experiments, with Katib's controller played by the test. */
class KatibSweepsTest extends SimulatedClusterTestBase {

    private static SweepJob.Builder sweep() {
        return SweepJob.builder()
                .name("katib-lr")
                .trial(CommandJob.builder()
                        .image("python:3.11")
                        .command("python train.py --lr ${{search_space.lr}} --bs ${{search_space.bs}}")
                        .instanceType("gpu_instance")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.loguniform(-6, -1))
                        .parameter("bs", Parameter.choice(16, 32))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.random(7))
                .objective(Objective.maximize("accuracy"))
                .limits(SweepLimits.of(12, 3))
                .earlyTermination(EarlyTerminationPolicy.medianStopping(1, 2));
    }

    private GenericKubernetesResource experiment() {
        return cluster.client()
                .genericKubernetesResources(KatibExperiments.EXPERIMENTS)
                .inNamespace(NS)
                .withName("katib-lr")
                .get();
    }

    @Test
    void aTrialThatNeedsAzureMlIsRefusedBeforeTheExperimentIsCreated() {
        KubernetesCompute compute = attachGpuCompute(gpuCluster(), b -> b.katibSweeps(true));
        cluster.installKatib();
        CommandJob trial = sweep().build().trial();

        assertThatThrownBy(() -> compute.submit(sweep().trial(trial.toBuilder()
                                .command(trial.command() + " --data ${{inputs.data}}")
                                .input("data", JobInput.uriFolder("azureml:cifar:1"))
                                .build())
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "inputs.data: 'azureml:cifar:1' is a uri_folder input, which only Azure ML delivers: the direct cluster transport");
        assertThatThrownBy(() -> compute.submit(
                        sweep().trial(trial.toBuilder().codeId("azureml:src:1").build())
                                .build()))
                .hasMessageStartingWith("codeId: 'azureml:src:1' is an Azure ML code asset");
        assertThat(experiment()).isNull();
    }

    @SuppressWarnings("unchecked")
    @Test
    void aSweepBecomesAKatibExperimentThatArcmlFollows() throws Exception {
        KubernetesCompute compute = attachGpuCompute(gpuCluster(), b -> b.katibSweeps(true));
        cluster.installKatib();

        SweepRun run = compute.submit(sweep().build());

        assertThat(run.parentRunId()).isPresent();
        Map<String, Object> spec =
                (Map<String, Object>) experiment().getAdditionalProperties().get("spec");
        assertThat(spec.get("objective")).isEqualTo(Map.of("type", "maximize", "objectiveMetricName", "accuracy"));
        assertThat(spec.get("algorithm"))
                .isEqualTo(Map.of(
                        "algorithmName",
                        "random",
                        "algorithmSettings",
                        List.of(Map.of("name", "random_state", "value", "7"))));
        assertThat(spec.get("earlyStopping"))
                .isEqualTo(Map.of(
                        "algorithmName",
                        "medianstop",
                        "algorithmSettings",
                        List.of(Map.of("name", "start_step", "value", "2"))));
        assertThat(spec).containsEntry("parallelTrialCount", 3).containsEntry("maxTrialCount", 12);
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) spec.get("parameters");
        assertThat(parameters.get(0)).containsEntry("name", "lr").containsEntry("parameterType", "double");
        assertThat((Map<String, Object>) parameters.get(0).get("feasibleSpace"))
                .containsEntry("distribution", "logUniform")
                .containsEntry("min", SearchSpace.format(Math.exp(-6)));
        assertThat(parameters.get(1))
                .containsEntry("parameterType", "discrete")
                .containsEntry("feasibleSpace", Map.of("list", List.of("16", "32")));
        Map<String, Object> template = (Map<String, Object>) spec.get("trialTemplate");
        Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>)
                        ((Map<String, Object>) ((Map<String, Object>) template.get("trialSpec")).get("spec"))
                                .get("template"))
                .get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
        assertThat(String.join(" ", (List<String>) container.get("command")))
                .contains("--lr ${trialParameters.lr} --bs ${trialParameters.bs}");
        assertThat(((Map<String, Object>) ((Map<String, Object>) container.get("resources")).get("limits")))
                .containsEntry("nvidia.com/gpu", "1");
        assertThat(podSpec.get("nodeSelector")).isEqualTo(Map.of("accelerator", "nvidia-tesla-k80"));
        assertThat(template.get("trialParameters"))
                .isEqualTo(List.of(Map.of("name", "lr", "reference", "lr"), Map.of("name", "bs", "reference", "bs")));
        String format = (String) ((List<Object>) ((Map<String, Object>) ((Map<String, Object>)
                                        ((Map<String, Object>) spec.get("metricsCollectorSpec")).get("source"))
                                .get("filter"))
                        .get("metricsFormat"))
                .get(0);
        assertThat(Pattern.compile(format)
                        .matcher("##arcml[metric] {\"accuracy\": 0.91}")
                        .find())
                .isTrue();

        // Katib's controller: running, then succeeded with a best trial.
        CompletableFuture<SweepRun> waiting =
                CompletableFuture.supplyAsync(() -> run.waitForCompletion(false, Duration.ofMinutes(1)));
        GenericKubernetesResource e = experiment();
        e.setAdditionalProperty(
                "status",
                Map.of(
                        "conditions",
                        List.of(
                                Map.of("type", "Created", "status", "True"),
                                Map.of(
                                        "type",
                                        "Succeeded",
                                        "status",
                                        "True",
                                        "message",
                                        "Experiment has succeeded because max trial count has reached")),
                        "trials",
                        12,
                        "trialsSucceeded",
                        11,
                        "trialsEarlyStopped",
                        1,
                        "currentOptimalTrial",
                        Map.of(
                                "bestTrialName",
                                "katib-lr-x7k2",
                                "parameterAssignments",
                                List.of(Map.of("name", "lr", "value", "0.01")),
                                "observation",
                                Map.of("metrics", List.of(Map.of("name", "accuracy", "latest", "0.93"))))));
        cluster.client()
                .genericKubernetesResources(KatibExperiments.EXPERIMENTS)
                .inNamespace(NS)
                .resource(e)
                .update();

        assertThat(waiting.get().state()).isEqualTo(SweepRun.State.COMPLETED);
        assertThat(run.details()).contains("trialsSucceeded=11").contains("best trial katib-lr-x7k2");
    }

    @Test
    void whatKatibCannotExpressIsRefusedBeforeAnythingIsCreated() {
        KubernetesCompute compute = attachGpuCompute(gpuCluster(), b -> b.katibSweeps(true));
        cluster.installKatib();

        assertThatThrownBy(() -> compute.submit(sweep().earlyTermination(EarlyTerminationPolicy.bandit(0.1, 1, 0))
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("no Katib equivalent");
        assertThatThrownBy(() -> compute.submit(sweep().earlyTermination(null)
                        .searchSpace(SearchSpace.builder()
                                .parameter("lr", Parameter.normal(0, 1))
                                .parameter("bs", Parameter.choice(1))
                                .build())
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("search_space.lr: 'normal'");
        assertThatThrownBy(() -> compute.submit(
                        sweep().samplingAlgorithm(SamplingAlgorithm.sobol(7)).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("sampling_algorithm.rule: 'sobol'");
        assertThatThrownBy(() -> compute.submit(sweep().earlyTermination(null)
                        .searchSpace(SearchSpace.builder()
                                .parameter("lr", Parameter.choice(Map.of("lr", Parameter.uniform(0.01, 0.1)), 0.5))
                                .parameter("bs", Parameter.choice(1))
                                .build())
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("search_space.lr.values: 'a nested search space'");
        assertThat(experiment()).isNull();
    }

    @Test
    void withoutKatibTheSweepIsRefusedWithTheWayOut() {
        KubernetesCompute compute = attachGpuCompute(gpuCluster(), b -> b.katibSweeps(true));
        assertThatThrownBy(() -> compute.submit(sweep().build()))
                .isInstanceOfSatisfying(
                        ControlPlaneException.class,
                        e -> assertThat(e.error().code()).isEqualTo("KatibNotInstalled"));
    }

    @Test
    void aSweepWhoseExperimentNameIsTakenIsA409NamingResourceNamespaceAndFixAndTheOldExperimentStays() {
        KubernetesCompute compute = attachGpuCompute(gpuCluster(), b -> b.katibSweeps(true));
        cluster.installKatib();
        compute.submit(sweep().build());
        String firstUid = experiment().getMetadata().getUid();

        assertThatThrownBy(() ->
                        compute.submit(sweep().limits(SweepLimits.of(4, 1)).build()))
                .isInstanceOfSatisfying(ControlPlaneException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.error().code()).isEqualTo("SweepSubmissionFailed");
                })
                .hasMessageContainingAll(
                        "create experiments.kubeflow.org 'katib-lr' in namespace " + NS
                                + " conflicts with an existing object",
                        "Give the sweep another name",
                        "kubectl delete experiments.kubeflow.org katib-lr -n " + NS,
                        "Nothing of the sweep was created");
        assertThat(experiment().getMetadata().getUid()).isEqualTo(firstUid);
        assertThat(experiment().getAdditionalProperties().get("spec"))
                .asString()
                .contains("maxTrialCount=12");
    }
}
