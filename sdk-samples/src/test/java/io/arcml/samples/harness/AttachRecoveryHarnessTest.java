package io.arcml.samples.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ErrorDetail;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.ComputeTargetException;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.compute.ProvisioningState;
import io.arcml.job.CommandJob;
import io.arcml.job.JobFailedException;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.testing.ArcmlTest;
import io.arcml.testing.FailAttach;
import io.arcml.testing.FailJob;
import io.arcml.testing.PendingJob;
import io.arcml.testing.ThrottlePolls;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scripted flow as a user's harness writes it: the first attach fails (the cluster's identity
 * lacks a role assignment), the harness detaches the failed compute, attaches again through a
 * throttled control plane, trains on it, and checks the statuses at every step.
 */
@ArcmlTest
class AttachRecoveryHarnessTest {
    private static final String CLUSTER =
            "/subscriptions/123/resourceGroups/rg/providers/" + "Microsoft.Kubernetes/connectedClusters/amlarc-cluster";
    private static final String NAME = "amlarc-compute";

    private static KubernetesComputeAttachConfiguration gpuConfiguration() {
        return KubernetesCompute.attachConfiguration(CLUSTER)
                .namespace("amlarc-testing")
                .defaultInstanceType("gpu_instance")
                .instanceTypes(Map.of(
                        "gpu_instance",
                        InstanceType.builder()
                                .nodeSelector("accelerator", "nvidia-tesla-k80")
                                .requests("2", "16Gi", 1)
                                .limits("2", "16Gi", 1)
                                .build()));
    }

    @Test
    @FailAttach(
            compute = NAME,
            code = "AuthorizationFailed",
            message =
                    "The client does not have authorization to perform action 'Microsoft.Kubernetes/connectedClusters/read'")
    @ThrottlePolls(times = 2, retryAfterMillis = 5)
    void attachFailsThenDetachAndReattachSucceed(Workspace ws) {
        // 1. attach: the control plane accepts it, then provisioning fails
        KubernetesCompute first = ComputeTarget.attach(ws, NAME, gpuConfiguration());
        assertThatThrownBy(() -> first.waitForCompletion(false))
                .isInstanceOfSatisfying(
                        ComputeTargetException.class,
                        e -> assertThat(e.errors())
                                .extracting(ErrorDetail::code)
                                .containsOnly("AuthorizationFailed"))
                .hasMessageContaining("detach() it before attaching with other settings");
        assertThat(first.getStatus().provisioningState()).isEqualTo(ProvisioningState.FAILED);
        assertThat(first.getStatus().serialize())
                .containsEntry("provisioningState", "Failed")
                .containsKey("provisioningErrors");
        assertThat(ComputeTarget.list(ws)).containsOnlyKeys(NAME);

        // 2. detach the failed compute
        first.detach().waitForCompletion(false);
        assertThat(first.isDetached()).isTrue();
        assertThat(ComputeTarget.list(ws)).isEmpty();
        assertThatThrownBy(() -> ComputeTarget.get(ws, NAME)).hasMessageContaining("ComputeTargetNotFound");

        // 3. attach again: the status reads are throttled twice, the attach still succeeds
        KubernetesCompute second =
                ComputeTarget.attach(ws, NAME, gpuConfiguration()).waitForCompletion(false);
        assertThat(second.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(second.getStatus().provisioningErrors()).isEmpty();
        assertThat(second.getStatus().serialize())
                .containsEntry("provisioningState", "Succeeded")
                .doesNotContainKey("provisioningErrors");
        assertThat(ComputeTarget.get(ws, NAME)).isInstanceOfSatisfying(KubernetesCompute.class, found -> {
            assertThat(found.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
            assertThat(found.defaultInstanceType()).isEqualTo("gpu_instance");
            assertThat(found.instanceTypes().get("gpu_instance").gpus()).isEqualTo(1);
        });

        // 4. attaching the same settings again is a no-op, not a second provisioning
        assertThat(ComputeTarget.attach(ws, NAME, gpuConfiguration()).provisioningState())
                .isEqualTo(ProvisioningState.SUCCEEDED);

        // 5. train on it: the default instance type is the GPU one
        JobRun run = second.submit(CommandJob.builder()
                        .name("train-after-recovery")
                        .image("python:3.11")
                        .command("python train.py")
                        .build())
                .waitForCompletion(false);
        assertThat(run.getStatus().state()).isEqualTo(JobState.COMPLETED);
        assertThat(run.job().instanceType()).isEqualTo("gpu_instance");
        assertThat(run.logs()).contains("python train.py");
    }

    @Test
    @PendingJob(job = "needs-gpus")
    @FailJob(job = "crashes", exitCode = 137, lastLogLine = "Killed: out of memory")
    void jobsThatCannotRunSayWhy(Workspace ws) {
        KubernetesCompute compute =
                ComputeTarget.attach(ws, NAME, gpuConfiguration()).waitForCompletion(false);

        JobRun pending = compute.submit(CommandJob.builder()
                .name("needs-gpus")
                .image("python:3.11")
                .command("python train.py")
                .build());
        assertThat(pending.getStatus().state()).isEqualTo(JobState.QUEUED);
        assertThat(pending.getStatus().message()).contains("Insufficient nvidia.com/gpu");
        pending.cancel();
        assertThat(pending.getStatus().state()).isEqualTo(JobState.CANCELED);

        JobRun crashing = compute.submit(CommandJob.builder()
                .name("crashes")
                .image("python:3.11")
                .command("python train.py")
                .build());
        assertThatThrownBy(() -> crashing.waitForCompletion(false))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("137");
        assertThat(crashing.logs()).isEqualTo("Killed: out of memory");
    }

    @Test
    @FailAttach(compute = NAME, code = "AuthorizationFailed", message = "no access")
    void attachingTheSameSettingsOverAFailedComputeRetriesWithoutADetach(Workspace ws) {
        KubernetesCompute first = ComputeTarget.attach(ws, NAME, gpuConfiguration());
        assertThatThrownBy(() -> first.waitForCompletion(false)).isInstanceOf(ComputeTargetException.class);

        KubernetesCompute retried =
                ComputeTarget.attach(ws, NAME, gpuConfiguration()).waitForCompletion(false);

        assertThat(retried.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
    }
}
