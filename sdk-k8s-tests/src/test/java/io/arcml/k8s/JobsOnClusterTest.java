package io.arcml.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.InputMode;
import io.arcml.job.JobFailedException;
import io.arcml.job.JobInput;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.arcml.resource.RunState;
import io.arcml.testing.sim.PodBehavior;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class JobsOnClusterTest extends SimulatedClusterTestBase {
    private static final String IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.8-cudnn8-ubuntu22.04";

    private KubernetesCompute compute;

    private KubernetesClient k8s() {
        return cluster.client();
    }

    private void start(SimulatedCluster.Builder builder) {
        compute = attachGpuCompute(builder, b -> b);
    }

    private static CommandJob.Builder job(String name) {
        return CommandJob.builder().name(name).image(IMAGE).command("python train.py --epochs 1");
    }

    private static JobStatus awaitStatus(JobRun run, Predicate<JobStatus> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JobStatus s = run.getStatus();
        while (!condition.test(s) && System.nanoTime() < deadline) {
            sleep();
            s = run.getStatus();
        }
        assertThat(condition).as("status %s", s).accepts(s);
        return s;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Pod> pods(JobRun run) {
        return k8s().pods().inNamespace(NS).withLabel("arcml.io/run-id", run.runId()).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }

    private static Map<String, EnvVar> env(Container c) {
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> b, LinkedHashMap::new));
    }

    private static String value(Container c, String name) {
        EnvVar v = env(c).get(name);
        return v == null ? null : v.getValue();
    }

    @Test
    void singleGpuJobGetsAGpuAwarePodSpecAndCompletes() {
        start(gpuCluster());
        JobRun run = compute.submit(
                job("mnist").environmentVariable("NCCL_DEBUG", "INFO").build());
        run.waitForCompletion(false);

        assertThat(run.getStatus().state()).isEqualTo(JobState.COMPLETED);
        Job job =
                k8s().batch().v1().jobs().inNamespace(NS).withName(run.runId()).get();
        assertThat(job.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "arcml")
                .containsEntry("arcml.io/compute", "gpu-compute")
                .containsEntry("arcml.io/job", "mnist")
                .containsEntry("arcml.io/run-id", run.runId());
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        var spec = job.getSpec().getTemplate().getSpec();
        assertThat(spec.getRestartPolicy()).isEqualTo("Never");
        assertThat(spec.getSubdomain()).isNull();
        assertThat(spec.getNodeSelector()).isEqualTo(Map.of("accelerator", "nvidia-tesla-k80"));
        assertThat(spec.getTolerations())
                .extracting(Toleration::getKey, Toleration::getOperator, Toleration::getValue, Toleration::getEffect)
                .containsExactly(
                        Tuple.tuple("nvidia.com/gpu", "Exists", null, "NoSchedule"),
                        Tuple.tuple("sku", "Equal", "gpu", "NoSchedule"));
        assertThat(spec.getRuntimeClassName()).isNull();
        Container c = spec.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo(IMAGE);
        assertThat(c.getCommand()).containsExactly("/bin/sh", "-c", "python train.py --epochs 1");
        assertThat(c.getResources().getRequests())
                .isEqualTo(Map.of(
                        "cpu", new Quantity("2"), "memory", new Quantity("16Gi"), "nvidia.com/gpu", new Quantity("1")));
        assertThat(c.getResources().getLimits()).isEqualTo(c.getResources().getRequests());
        assertThat(env(c)).doesNotContainKey("NVIDIA_VISIBLE_DEVICES");
        assertThat(value(c, "NCCL_DEBUG")).isEqualTo("INFO");
        assertThat(value(c, "AZUREML_NODE_COUNT")).isEqualTo("1");
        assertThat(spec.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("dshm");
            assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory");
            assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("8192Mi"));
        });
        assertThat(c.getVolumeMounts())
                .singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/dev/shm"));
        assertThat(pods(run)).singleElement().satisfies(p -> {
            assertThat(p.getSpec().getNodeName()).isEqualTo("gpu-1");
            assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded");
        });
        assertThat(run.logs())
                .contains("=== " + run.runId() + "-0-", "[gpu-1] /bin/sh -c python train.py --epochs 1", "NODE_RANK=0");
    }

    @Test
    void cpuJobRunsOnTheCpuNodeWithoutGpuAccess() {
        start(gpuCluster());
        JobRun run = compute.submit(job("preprocess").instanceType("cpu_small").build());
        run.waitForCompletion(false);

        Container c = pods(run).get(0).getSpec().getContainers().get(0);
        assertThat(pods(run).get(0).getSpec().getNodeName()).isEqualTo("cpu-1");
        assertThat(value(c, "NVIDIA_VISIBLE_DEVICES")).isEqualTo("void");
        assertThat(pods(run).get(0).getSpec().getTolerations()).isEmpty();
        assertThat(pods(run).get(0).getSpec().getNodeSelector()).isNullOrEmpty();
        assertThat(c.getResources().getRequests())
                .isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("2Gi")));
        assertThat(c.getResources().getLimits())
                .isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi")));
        assertThat(pods(run).get(0).getSpec().getVolumes().get(0).getEmptyDir().getSizeLimit())
                .isEqualTo(new Quantity("2048Mi"));
    }

    @Test
    void literalInputsFillTheCommandAndAzureOnlyFieldsAreRefused() {
        start(gpuCluster());
        JobRun run = compute.submit(job("with-inputs")
                .instanceType("cpu_small")
                .command("python train.py --epochs ${{inputs.epochs}}")
                .input("epochs", "3")
                .build());
        run.waitForCompletion(false);
        assertThat(pods(run).get(0).getSpec().getContainers().get(0).getCommand())
                .containsExactly("/bin/sh", "-c", "python train.py --epochs 3");

        assertThatThrownBy(
                        () -> compute.submit(job("code").codeId("azureml:src:1").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("codeId: 'azureml:src:1'");
        assertThatThrownBy(() -> compute.submit(job("out")
                        .command("python t.py --out ${{outputs.m}}")
                        .output("m")
                        .build()))
                .hasMessageStartingWith("outputs: 'm' are stored by Azure ML");
        assertThatThrownBy(() -> compute.submit(CommandJob.builder()
                        .name("env-only")
                        .environmentId("azureml:env:1")
                        .command("t")
                        .build()))
                .hasMessageStartingWith("image: missing is required on a cluster");
        assertThatThrownBy(() -> compute.submit(job("undeclared")
                        .command("python t.py --lr ${{inputs.lr}}")
                        .build()))
                .hasMessageStartingWith(
                        "command: '${{inputs.lr}}' refers to an input or output the job does not declare");
    }

    @Test
    void localCodeAndLocalDataAreRefusedBeforeAnythingIsCreatedWithTheAlternatives() {
        start(gpuCluster());

        assertThatThrownBy(() ->
                        compute.submit(job("local-code").code(Path.of("src")).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("code");
                    assertThat(e.getMessage())
                            .contains("'src' is a local code folder, which only the ARM transport uploads")
                            .contains("the direct cluster transport")
                            .contains("image(..)", "nfsMount(..)", "workspace on Azure");
                });
        assertThatThrownBy(() -> compute.submit(job("local-data")
                        .command("python train.py --data ${{inputs.d}}")
                        .input("d", JobInput.uriFolder(Path.of("data")))
                        .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("inputs.d");
                    assertThat(e.getMessage())
                            .contains("is a local uri_folder input, which only the ARM transport uploads")
                            .contains("nfsMount(..)");
                });
        assertThat(k8s().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void dataInputsAreRefusedBeforeAnythingIsCreatedWithTheNfsAlternative() {
        start(gpuCluster());
        CommandJob withData = job("with-data")
                .instanceType("cpu_small")
                .command("python train.py --data ${{inputs.cifar}}")
                .input("cifar", JobInput.uriFolder("azureml:cifar-10:2").mode(InputMode.DOWNLOAD))
                .build();

        assertThatThrownBy(() -> compute.submit(withData))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "inputs.cifar: 'azureml:cifar-10:2' is a uri_folder input, which only Azure ML delivers: the direct cluster transport"
                                + " has no data plane. Submit the job to a workspace on Azure (the ARM control plane), or on a cluster read the data from"
                                + " an NFS mount (nfsMount(..)) or from the image and pass its path as a literal input");
        assertThat(k8s().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();

        JobRun run = compute.submit(job("with-nfs")
                .instanceType("cpu_small")
                .command("python train.py --data ${{inputs.cifar}}")
                .nfsMount("10.0.0.4", "/export/cifar", "/mnt/cifar", true)
                .input("cifar", "/mnt/cifar")
                .build());
        run.waitForCompletion(false);
        assertThat(pods(run).get(0).getSpec().getContainers().get(0).getCommand())
                .containsExactly("/bin/sh", "-c", "python train.py --data /mnt/cifar");
    }

    @Test
    void jobWithoutInstanceTypeRunsOnTheComputeDefault() {
        start(gpuCluster());
        JobRun run = compute.submit(job("default-type").build());

        assertThat(run.job().instanceType()).isEqualTo("gpu_instance");
        run.waitForCompletion(false);
        assertThat(pods(run).get(0).getMetadata().getAnnotations())
                .containsEntry("arcml.io/instance-type", "gpu_instance");
    }

    @Test
    void distributedPyTorchRunsAsAnIndexedJobWithAHeadlessService() {
        start(gpuCluster());
        JobRun run = compute.submit(job("ddp")
                .instanceCount(2)
                .distribution(Distribution.pytorch(1))
                .build());
        run.waitForCompletion(false);

        String id = run.runId();
        var svc = k8s().services().inNamespace(NS).withName(id).get();
        assertThat(svc.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(svc.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(svc.getSpec().getSelector()).isEqualTo(Map.of("arcml.io/run-id", id));
        assertThat(svc.getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(29500));
        Job job = k8s().batch().v1().jobs().inNamespace(NS).withName(id).get();
        assertThat(job.getSpec().getCompletions()).isEqualTo(2);
        assertThat(job.getSpec().getParallelism()).isEqualTo(2);
        assertThat(job.getSpec().getTemplate().getSpec().getSubdomain()).isEqualTo(id);
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(c).get("NODE_RANK").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        assertThat(value(c, "MASTER_ADDR")).isEqualTo(id + "-0." + id);
        assertThat(value(c, "MASTER_PORT")).isEqualTo("29500");
        assertThat(value(c, "WORLD_SIZE")).isEqualTo("2");
        assertThat(value(c, "RANK")).isEqualTo("$(NODE_RANK)");
        assertThat(value(c, "PET_NNODES")).isEqualTo("2");
        assertThat(value(c, "PET_NPROC_PER_NODE")).isEqualTo("1");
        assertThat(value(c, "PET_NODE_RANK")).isEqualTo("$(NODE_RANK)");
        assertThat(value(c, "PET_MASTER_ADDR")).isEqualTo("$(MASTER_ADDR)");
        assertThat(List.copyOf(env(c).keySet()).indexOf("NODE_RANK")).isZero();
        assertThat(pods(run)).extracting(p -> p.getSpec().getHostname()).containsExactly(id + "-0", id + "-1");
        assertThat(run.logs()).contains("NODE_RANK=0", "NODE_RANK=1", "MASTER_ADDR=" + id + "-0." + id, "PET_NNODES=2");
    }

    @Test
    void mpiJobGetsAHostfileWithSlotsPerInstance() {
        start(gpuCluster());
        JobRun run = compute.submit(job("horovod")
                .instanceCount(2)
                .distribution(Distribution.mpi(1))
                .build());
        run.waitForCompletion(false);

        String id = run.runId();
        var hostfile =
                k8s().configMaps().inNamespace(NS).withName(id + "-hostfile").get();
        assertThat(hostfile.getData().get("hostfile"))
                .isEqualTo(id + "-0." + id + " slots=1\n" + id + "-1." + id + " slots=1\n");
        var spec = k8s().batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .withName(id)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec();
        Container c = spec.getContainers().get(0);
        assertThat(value(c, "OMPI_MCA_orte_default_hostfile")).isEqualTo("/etc/mpi/hostfile");
        assertThat(value(c, "WORLD_SIZE")).isEqualTo("2");
        assertThat(spec.getVolumes())
                .filteredOn(v -> v.getConfigMap() != null)
                .singleElement()
                .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo(id + "-hostfile"));
        assertThat(c.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/mpi"));
        assertThat(k8s().services()
                        .inNamespace(NS)
                        .withName(id)
                        .get()
                        .getSpec()
                        .getPorts()
                        .get(0)
                        .getPort())
                .isEqualTo(22);
    }

    @Test
    void tensorFlowJobGetsTfConfigPerRoleAndStopsParameterServersWhenWorkersFinish() throws Exception {
        start(gpuCluster());
        cluster.workload(
                p -> "ps".equals(p.getMetadata().getLabels().get("arcml.io/role")),
                PodBehavior.succeeds().runFor(Duration.ofHours(1)));
        JobRun run = compute.submit(job("tf")
                .instanceType("cpu_small")
                .distribution(Distribution.tensorflow(2, 1))
                .build());
        run.waitForCompletion(false);

        String id = run.runId();
        Container worker = k8s().batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .withName(id)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        String cluster = "{\"worker\":[\"" + id + "-0." + id + ":2222\",\"" + id + "-1." + id + ":2222\"],\"ps\":[\""
                + id + "-ps-0." + id + ":2222\"]}";
        assertThat(value(worker, "TF_CONFIG"))
                .isEqualTo("{\"cluster\":" + cluster + ",\"task\":{\"type\":\"worker\",\"index\":$(NODE_RANK)}}");
        assertThat(run.getStatus().state()).isEqualTo(JobState.COMPLETED);
        assertThat(k8s().batch()
                        .v1()
                        .jobs()
                        .inNamespace(NS)
                        .withName(id + "-ps")
                        .get())
                .isNull();
        // The simulated Job controller may still create a parameter-server pod it had queued; each status read stops it
        // again.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pods(run).stream()
                        .anyMatch(p -> "ps".equals(p.getMetadata().getLabels().get("arcml.io/role")))
                && System.nanoTime() < deadline) {
            run.getStatus();
            Thread.sleep(50);
        }
        assertThat(pods(run))
                .noneMatch(p -> "ps".equals(p.getMetadata().getLabels().get("arcml.io/role")));
    }

    @Test
    void nfsMountsBecomeNfsVolumes() {
        start(gpuCluster());
        JobRun run = compute.submit(job("nfs")
                .instanceType("cpu_small")
                .nfsMount("10.0.0.4", "/export/data", "/mnt/data", true)
                .nfsMount("nfs.corp", "/scratch", "/mnt/scratch", false)
                .build());
        run.waitForCompletion(false);

        var spec = pods(run).get(0).getSpec();
        assertThat(spec.getVolumes())
                .filteredOn(v -> v.getNfs() != null)
                .extracting(
                        v -> v.getName(),
                        v -> v.getNfs().getServer(),
                        v -> v.getNfs().getPath(),
                        v -> v.getNfs().getReadOnly())
                .containsExactly(
                        Tuple.tuple("nfs-0", "10.0.0.4", "/export/data", true),
                        Tuple.tuple("nfs-1", "nfs.corp", "/scratch", false));
        assertThat(spec.getContainers().get(0).getVolumeMounts())
                .filteredOn(m -> m.getName().startsWith("nfs"))
                .extracting(m -> m.getMountPath(), m -> m.getReadOnly())
                .containsExactly(Tuple.tuple("/mnt/data", true), Tuple.tuple("/mnt/scratch", false));
    }

    @Test
    void proxyVariablesReachEveryPodAndLocalTrafficBypassesTheProxy() {
        compute = attachGpuCompute(
                gpuCluster(),
                b -> b.proxy(ProxySettings.of("http://proxy.corp:3128", "http://proxy.corp:3128", "10.0.0.0/8")));
        JobRun run = compute.submit(job("proxied")
                .instanceCount(2)
                .distribution(Distribution.pytorch(1))
                .build());
        run.waitForCompletion(false);

        Container c = pods(run).get(0).getSpec().getContainers().get(0);
        assertThat(value(c, "HTTP_PROXY")).isEqualTo("http://proxy.corp:3128");
        assertThat(value(c, "https_proxy")).isEqualTo("http://proxy.corp:3128");
        assertThat(value(c, "NO_PROXY"))
                .isEqualTo("127.0.0.1,localhost,.svc,.cluster.local,10.0.0.0/8," + run.runId() + ",." + run.runId());
        assertThat(value(c, "no_proxy")).isEqualTo(value(c, "NO_PROXY"));
    }

    @Test
    void aJobsOwnNoProxyKeepsLoopbackEntries() {
        start(gpuCluster());
        JobRun run = compute.submit(job("own-proxy")
                .instanceType("cpu_small")
                .environmentVariable("HTTPS_PROXY", "http://p:8080")
                .environmentVariable("NO_PROXY", "registry.local")
                .build());
        run.waitForCompletion(false);

        Container c = pods(run).get(0).getSpec().getContainers().get(0);
        assertThat(value(c, "NO_PROXY")).isEqualTo("127.0.0.1,localhost,.svc,.cluster.local,registry.local");
        assertThat(value(c, "HTTPS_PROXY")).isEqualTo("http://p:8080");
        assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("NO_PROXY")).hasSize(1);
    }

    @Test
    void runtimeClassIsSetOnGpuPodsOnlyWhenAskedFor() {
        compute = attachGpuCompute(gpuCluster(), b -> b.runtimeClassName("nvidia"));

        JobRun gpu = compute.submit(job("gpu").build());
        JobRun cpu = compute.submit(job("cpu").instanceType("cpu_small").build());
        gpu.waitForCompletion(false);
        cpu.waitForCompletion(false);
        assertThat(pods(gpu).get(0).getSpec().getRuntimeClassName()).isEqualTo("nvidia");
        assertThat(pods(cpu).get(0).getSpec().getRuntimeClassName()).isNull();
    }

    @Test
    void theBuilderRefusesANullClientAndARuntimeClassNameThatIsNotADnsSubdomain() {
        assertThatThrownBy(() -> KubernetesControlPlane.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("client is null");
        start(gpuCluster());
        for (String bad : new String[] {"Not A Valid Name!", "Nvidia", "nvidia_runtime", "-nvidia"}) {
            assertThatThrownBy(() ->
                            KubernetesControlPlane.builder(cluster.client()).runtimeClassName(bad))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("runtimeClassName: '" + bad + "' is not a DNS-1123 subdomain");
        }
    }

    @Test
    void pendingForLackOfGpusIsExplainedInPlainWords() {
        start(gpuCluster());
        cluster.workloadOfJob("greedy", PodBehavior.succeeds().runFor(Duration.ofHours(1)));
        // Two instances of one GPU each fit on gpu-1; a third does not.
        JobRun run = compute.submit(job("greedy").instanceCount(3).build());

        JobStatus s = awaitStatus(
                run, st -> st.state() == JobState.QUEUED && st.message().contains("2 of 3 instance(s) run"));
        assertThat(s.message())
                .contains(
                        "2 of 3 instance(s) run",
                        "1 node lacks free nvidia.com/gpu (each instance needs 1)",
                        "1 node does not carry the labels the instance type selects (accelerator=nvidia-tesla-k80",
                        "0/2 nodes are available: 1 Insufficient nvidia.com/gpu, 1 node(s) didn't match Pod's node affinity/selector.");
        assertThat(cluster.events(NS)).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("FailedScheduling");
            assertThat(e.getMessage()).startsWith("0/2 nodes are available: 1 Insufficient nvidia.com/gpu");
        });
        run.cancel();
    }

    @Test
    void pendingForAMissingNodeLabelIsExplained() {
        start(gpuCluster());
        cluster.addNode(
                SimulatedNode.named("gpu-1").cpu("8").memory("64Gi").gpus(2).taint("sku", "gpu", "NoSchedule"));
        JobRun run = compute.submit(job("relabeled").build());

        JobStatus s = awaitStatus(
                run, st -> st.state() == JobState.QUEUED && st.message().contains("labels"));
        assertThat(s.message())
                .contains(
                        "2 nodes do not carry the labels the instance type selects (accelerator=nvidia-tesla-k80",
                        "kubectl label node");
        run.cancel();
    }

    @Test
    void pendingForAnUntoleratedTaintIsExplained() {
        start(gpuCluster());
        cluster.addNode(SimulatedNode.named("gpu-1")
                .cpu("8")
                .memory("64Gi")
                .gpus(2)
                .label("accelerator", "nvidia-tesla-k80")
                .taint("dedicated", "team-a", "NoSchedule"));
        JobRun run = compute.submit(job("tainted").build());

        JobStatus s = awaitStatus(
                run, st -> st.state() == JobState.QUEUED && st.message().contains("taint"));
        assertThat(s.message()).contains("1 node has the taint dedicated=team-a that the job's pods do not tolerate");
        run.cancel();
    }

    @Test
    void anImageThatCannotBePulledIsExplained() {
        start(gpuCluster());
        cluster.workloadOfJob("typo", PodBehavior.imagePullFails("manifest for example.io/trian:latest not found"));
        JobRun run = compute.submit(job("typo").build());

        JobStatus s = awaitStatus(
                run,
                st -> st.state() == JobState.PREPARING
                        && st.message() != null
                        && st.message().contains("pulled"));
        assertThat(s.message())
                .contains("The image '" + IMAGE + "' cannot be pulled (ImagePullBackOff", "imagePullSecrets", "proxy");
        run.cancel();
    }

    @Test
    void aVolumeThatCannotBeMountedIsExplained() {
        start(gpuCluster());
        cluster.workloadOfJob(
                "nfs-down", PodBehavior.mountFails("mount failed: exit status 32 mount.nfs: access denied by server"));
        JobRun run = compute.submit(job("nfs-down")
                .instanceType("cpu_small")
                .nfsMount("10.0.0.9", "/export", "/mnt/data", true)
                .build());

        JobStatus s = awaitStatus(
                run,
                st -> st.state() == JobState.PREPARING
                        && st.message() != null
                        && st.message().contains("mounted"));
        assertThat(s.message())
                .contains("A volume nfs://10.0.0.9/export cannot be mounted", "access denied by server", "nfs-common");
        run.cancel();
    }

    @Test
    void aFailedInstanceFailsTheRunWithItsExitCodeAndMessage() {
        start(gpuCluster());
        cluster.workloadOfJob("nan", PodBehavior.fails(3, "loss is NaN at step 120"));
        JobRun run = compute.submit(job("nan").build());

        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("ended Failed")
                .hasMessageContaining("failed with exit code 3 (Error): loss is NaN at step 120");
        assertThat(run.getStatus().error().code()).isEqualTo("NonZeroExitCode");
    }

    @Test
    void aRunLongerThanItsTimeoutFails() {
        start(gpuCluster());
        cluster.workloadOfJob("slow", PodBehavior.succeeds().runFor(Duration.ofHours(1)));
        JobRun run = compute.submit(job("slow").timeout(Duration.ofSeconds(1)).build());

        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("ran longer than its timeout");
        assertThat(k8s().batch()
                        .v1()
                        .jobs()
                        .inNamespace(NS)
                        .withName(run.runId())
                        .get()
                        .getSpec()
                        .getActiveDeadlineSeconds())
                .isEqualTo(1L);
    }

    @Test
    void cancelDeletesEverythingTheRunCreated() {
        start(gpuCluster());
        cluster.workloadOfJob("long", PodBehavior.succeeds().runFor(Duration.ofHours(1)));
        JobRun run = compute.submit(
                job("long").instanceCount(2).distribution(Distribution.mpi(1)).build());
        awaitStatus(run, st -> st.state() == JobState.RUNNING);

        run.cancel();

        assertThat(run.getStatus().state()).isEqualTo(JobState.CANCELED);
        String id = run.runId();
        assertThat(k8s().pods()
                        .inNamespace(NS)
                        .withLabel("arcml.io/run-id", id)
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(k8s().batch()
                        .v1()
                        .jobs()
                        .inNamespace(NS)
                        .withLabel("arcml.io/run-id", id)
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(k8s().services()
                        .inNamespace(NS)
                        .withLabel("arcml.io/run-id", id)
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(k8s().configMaps()
                        .inNamespace(NS)
                        .withLabel("arcml.io/run-id", id)
                        .list()
                        .getItems())
                .isEmpty();
        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("Canceled");
    }

    @Test
    void submittingToAnUnknownInstanceTypeIsRefusedBeforeAnythingIsCreated() {
        start(gpuCluster());
        assertThatThrownBy(() -> compute.submit(job("x").instanceType("v100").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("instanceType: 'v100' is not an instance type of compute 'gpu-compute'");
        assertThat(k8s().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void anotherProcessFindsARunByItsIdThroughTheClusterAlone() {
        start(gpuCluster());
        JobRun run = compute.submit(job("shared").build());
        run.waitForCompletion(false);

        try (KubernetesControlPlane other =
                KubernetesControlPlane.builder(k8s()).build()) {
            var found = other.getJob("gpu-compute", run.runId()).orElseThrow();
            assertThat(found.jobName()).isEqualTo("shared");
            assertThat(found.status().state()).isEqualTo(RunState.COMPLETED);
            assertThat(other.jobLogs("gpu-compute", run.runId())).contains("=== " + run.runId() + "-0-");
            assertThat(other.getJob("gpu-compute", "no-such-run")).isEmpty();
        }
    }
}
