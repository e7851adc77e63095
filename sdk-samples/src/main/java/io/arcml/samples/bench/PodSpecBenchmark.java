package io.arcml.samples.bench;

import io.arcml.compute.InstanceType;
import io.arcml.job.CommandJob;
import io.arcml.k8s.internal.PodRequest;
import io.arcml.k8s.internal.PodSpecFactory;
import io.arcml.k8s.internal.RunEngine;
import io.arcml.k8s.internal.RunRenderer;
import io.arcml.resource.CommandSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Pod-spec generation from a GPU instance type: the pod template of one role (resources with GPU
 * requests equal to limits, tolerations, {@code /dev/shm}, environment), and the whole run of a
 * single-instance job (its Indexed Job around that template).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PodSpecBenchmark {
    private final InstanceType gpu = InstanceType.builder()
            .nodeSelector("accelerator", "nvidia-tesla-v100")
            .requests("6", "48Gi", 2)
            .limits("6", "48Gi", 2)
            .build();
    private final CommandSpec job = CommandJob.builder()
            .name("train")
            .image("mcr.microsoft.com/azureml/curated/acpt-pytorch-2.2-cuda12.1:latest")
            .command("python train.py --epochs 10")
            .instanceType("gpu_instance")
            .build()
            .toSpec();
    private final PodSpecFactory pods = new PodSpecFactory("nvidia", null);
    private final RunRenderer renderer = new RunRenderer(pods);
    private final PodRequest request = new PodRequest(
            job,
            "gpu_instance",
            gpu,
            Map.of("app.kubernetes.io/managed-by", "arcml", "arcml.io/run", "train-0a1b2c"),
            Map.of("arcml.io/job-name", "train"),
            "main",
            List.of(),
            List.of(),
            List.of(),
            List.of());

    /** One pod template. */
    @Benchmark
    public Object podTemplate() {
        return pods.template(request);
    }

    /** One run's objects: the Indexed Job with its pod template, labels and annotations. */
    @Benchmark
    public Object singleInstanceRun() {
        return renderer.render("train-0a1b2c", "amlarc-testing", "amlarc-compute", job, gpu, RunEngine.INDEXED_JOB);
    }
}
