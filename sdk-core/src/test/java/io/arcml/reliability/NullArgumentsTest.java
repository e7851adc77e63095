package io.arcml.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.ErrorDetail;
import io.arcml.Workspace;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.compute.KubernetesComputeStatus;
import io.arcml.extension.ExtensionStatus;
import io.arcml.extension.ExtensionVerification;
import io.arcml.job.JobStatus;
import io.arcml.pipeline.PipelineRun;
import io.arcml.resource.ComputeSpec;
import io.arcml.resource.ExtensionPod;
import io.arcml.resource.ExtensionSpec;
import io.arcml.sweep.MetricLog;
import io.arcml.sweep.SweepResults;
import io.arcml.sweep.TrialProgress;
import io.arcml.sweep.TrialResult;
import io.arcml.testsupport.ApiSamples;
import io.arcml.testsupport.NullArgumentWalker;
import io.arcml.transport.Accepted;
import io.arcml.transport.ClusterPods;
import io.arcml.transport.ComputeOperations;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.ExtensionInstalls;
import io.arcml.transport.ExtensionReads;
import io.arcml.transport.HostedPipelines;
import io.arcml.transport.HostedSweeps;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.PagedLists;
import io.arcml.transport.arm.ArmControlPlaneBuilder;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Calls every public constructor and method of the public API packages with {@code null} in each
 * reference parameter in turn, the other arguments valid, and checks that the call is refused at
 * once with a message that names the parameter, unless the parameter is documented as optional.
 */
class NullArgumentsTest {
    private static final List<String> PACKAGES = List.of(
            "io.arcml",
            "io.arcml.compute",
            "io.arcml.extension",
            "io.arcml.job",
            "io.arcml.pipeline",
            "io.arcml.sweep",
            "io.arcml.transport",
            "io.arcml.transport.embedded",
            "io.arcml.transport.arm",
            "io.arcml.yaml");

    /** Values the SDK reads back from a service or a cluster: their optional components are null when the answer leaves them out. */
    private static final Set<Class<?>> RESULTS = Set.of(
            ErrorDetail.class,
            ExtensionStatus.class,
            ExtensionStatus.Message.class,
            ExtensionPod.class,
            ExtensionSpec.class,
            ExtensionVerification.class,
            JobStatus.class,
            KubernetesComputeStatus.class,
            KubernetesComputeSpec.class,
            OperationStatus.class,
            Accepted.class,
            ComputeResource.class,
            ComputeSpec.class,
            ComputeSpec.Identity.class,
            JobResource.class,
            TrialResult.class,
            PipelineRun.StepStatus.class,
            MetricLog.class,
            SweepResults.class,
            TrialProgress.class,
            LongRunningOperation.class,
            ComputeIdentity.class);

    /**
     * Methods arcml itself calls with arguments its public methods have checked: the transport SPI,
     * the sweep loop's sampling and early-termination steps, and the runs' start points behind
     * {@code KubernetesCompute.submit}.
     */
    private static final Set<String> INTERNAL = Set.of(
            "sample",
            "check",
            "newSampler",
            "size",
            "trialsToCancel",
            "SweepRun#start",
            "SweepRun#resume",
            "PipelineRun#start",
            "OperationStatus#ofJob",
            "failsAt",
            "cancellations");

    /** Parameters where null is documented: it leaves a setting unset (its default), means "none", or (faults) matches any target. */
    private static final Set<String> NULL_MEANS_DEFAULT_OR_NONE = Set.of(
            "Secret#of.value",
            "PagedLists#page.continuationToken",
            "TransportSettings#set.value",
            "TransportSettings#workspace.workspace",
            "ProvisioningState#parse.value",
            "ResourceState#parse.value",
            "JobState#parse.value",
            "Workspace$Builder#credential.credential",
            "Workspace$Builder#httpClient.httpClient",
            "Workspace$Builder#endpoint.endpoint",
            "KubernetesComputeAttachConfiguration#description.description",
            "KubernetesComputeAttachConfiguration#identity.identity",
            "KubernetesComputeAttachConfiguration#identity.identityIds",
            "KubernetesComputeAttachConfiguration#relayConnectionString.connectionString",
            "KubernetesComputeAttachConfiguration#serviceBusConnectionString.connectionString",
            "AzureMLExtensionConfiguration$Builder#setting.value",
            "CommandJob$Builder#name.name",
            "CommandJob$Builder#codeId.codeId",
            "CommandJob$Builder#environmentId.environmentId",
            "CommandJob$Builder#condaFile.condaFile",
            "CommandJob$Builder#dockerBuild.dockerBuild",
            "CommandJob$Builder#identity.identity",
            "JobIdentity#managed.clientId",
            "JobIdentity#managed.objectId",
            "JobIdentity#managed.resourceId",
            "JobIdentity#requireNone.identity",
            "CommandJob$Builder#distribution.distribution",
            "CommandJob$Builder#experimentName.experimentName",
            "CommandJob$Builder#instanceType.instanceType",
            "CommandJob$Builder#timeout.timeout",
            "CommandJob#withInstanceType.instanceTypeName",
            "PipelineJob$Builder#sharedStorage.storage",
            "PipelineJob$Builder#defaultDatastore.datastoreName",
            "SweepJob$Builder#earlyTermination.policy",
            "SweepJob$Builder#limits.limits",
            "SweepLimits#withTimeout.sweepTimeout",
            "SweepLimits#<init>.timeout",
            "SweepLimits#<init>.trialTimeout",
            "JobYaml#pipelineJob.sharedStorage",
            "Fault#failJob.lastLogLine",
            "Fault#failJob.jobName",
            "Fault#serverErrorPolls.retryAfter",
            "SweepLimits#withTrialTimeout.perTrial",
            "KubernetesCompute#waitForCompletion.timeout",
            "JobRun#waitForCompletion.timeout",
            "SweepRun#waitForCompletion.timeout",
            "PipelineRun#waitForCompletion.timeout",
            "AzureMLExtension#waitForCompletion.timeout",
            "Waitable#waitForCompletion.timeout",
            "KubernetesCompute#waitForCompletion.out",
            "JobRun#waitForCompletion.out",
            "SweepRun#waitForCompletion.out",
            "PipelineRun#waitForCompletion.out",
            "AzureMLExtension#waitForCompletion.out",
            "Waitable#waitForCompletion.out",
            "JobLabels#<init>.displayName",
            "JobLabels#<init>.description",
            "JobLabels#<init>.tags",
            "JobLabels#<init>.properties",
            "JobLabels#displayName.name",
            "JobLabels#description.text",
            "JobLabels#tag.value",
            "JobLabels#property.value",
            "CommandJob$Builder#labels.labels",
            "ParentJobBuilder#experimentName.experimentName",
            "ParentJobBuilder#labels.labels",
            "ParentJobBuilder#identity.identity",
            "PipelineStep#compute.computeName",
            "EmbeddedControlPlane#seed.spec",
            "InstanceTypeJson#<init>.nodeSelector",
            "InstanceTypeJson#<init>.resources",
            "InstanceTypeJson$Resources#<init>.requests",
            "InstanceTypeJson$Resources#<init>.limits",
            "KubernetesComputeJson#<init>.namespace",
            "KubernetesComputeJson#<init>.defaultInstanceType",
            "KubernetesComputeJson#<init>.instanceTypes",
            "Fault#failAttach.computeName",
            "Fault#failAttach.message",
            "Fault#failExtensionInstall.message",
            "Fault#pendingJob.jobName");

    /**
     * Builder settings a user must give, checked together by {@code build()}, whose error names
     * the setting (the bad-input suite shows each); null there reads as "not given yet".
     */
    private static final Set<String> CHECKED_BY_BUILD = Set.of(
            "Workspace$Builder#subscriptionId.subscriptionId",
            "Workspace$Builder#resourceGroup.resourceGroup",
            "Workspace$Builder#workspaceName.workspaceName",
            "InstanceType$Builder#nodeSelector.key",
            "InstanceType$Builder#nodeSelector.value",
            "InstanceType$Builder#request.resourceName",
            "InstanceType$Builder#request.quantity",
            "InstanceType$Builder#limit.resourceName",
            "InstanceType$Builder#limit.quantity",
            "InstanceType$Builder#requests.cpu",
            "InstanceType$Builder#requests.memory",
            "InstanceType$Builder#limits.cpu",
            "InstanceType$Builder#limits.memory",
            "CommandJob$Builder#image.image",
            "CommandJob$Builder#command.command",
            "PipelineJob$Builder#name.name",
            "SweepJob$Builder#name.name",
            "SweepJob$Builder#objective.objective",
            "SweepJob$Builder#samplingAlgorithm.algorithm",
            "SweepJob$Builder#searchSpace.searchSpace",
            "SweepJob$Builder#trial.trial");

    private static boolean exempt(Class<?> type, Executable e, Parameter p) {
        String method = NullArgumentWalker.method(type, e);
        String key = NullArgumentWalker.key(type, e, p);
        return Throwable.class.isAssignableFrom(type)
                || RESULTS.contains(type)
                || type.getEnclosingClass() != null && RESULTS.contains(type.getEnclosingClass())
                || (type.isEnum() && e.getName().equals("valueOf"))
                || (ControlPlane.class.isAssignableFrom(type) && isControlPlaneMethod(e))
                || INTERNAL.contains(e.getName()) && type.getPackageName().equals("io.arcml.sweep")
                || INTERNAL.contains(method)
                || NULL_MEANS_DEFAULT_OR_NONE.contains(key)
                || CHECKED_BY_BUILD.contains(key)
                || type
                        == ArmControlPlaneBuilder
                                .class; // every setting may be reset to its default; build() checks the required ones
    }

    /** The transport SPI: its root and every capability a transport may offer. */
    private static final List<Class<?>> SPI = List.of(
            ControlPlane.class,
            ComputeOperations.class,
            ExtensionReads.class,
            ExtensionInstalls.class,
            ClusterPods.class,
            JobOperations.class,
            HostedSweeps.class,
            HostedPipelines.class,
            PagedLists.class);

    private static boolean isControlPlaneMethod(Executable e) {
        return SPI.stream()
                .flatMap(c -> Stream.of(c.getMethods()))
                .anyMatch(m -> m.getName().equals(e.getName()));
    }

    @Test
    void everyPublicMethodNamesTheParameterItIsGivenNullFor() throws Exception {
        NullArgumentWalker.Result result =
                new NullArgumentWalker(ApiSamples.core(), NullArgumentsTest::exempt).walk(Workspace.class, PACKAGES);
        List<String> failures = result.failures();
        int calls = result.calls();
        assertThat(calls).as("calls with a null argument").isGreaterThan(100);
        assertThat(failures).as(failures.size() + " of " + calls + " calls").isEmpty();
    }
}
