package io.arcml.k8s;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import io.arcml.ErrorDetail;
import io.arcml.ValidationException;
import io.arcml.WorkspaceId;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.internal.Arguments;
import io.arcml.internal.ComputeNames;
import io.arcml.internal.KubernetesNames;
import io.arcml.k8s.internal.ComputeRecords;
import io.arcml.k8s.internal.KatibExperiments;
import io.arcml.k8s.internal.PodProxy;
import io.arcml.k8s.internal.PodSpecFactory;
import io.arcml.k8s.internal.Preflight;
import io.arcml.k8s.internal.RecentComputes;
import io.arcml.k8s.internal.RunEngine;
import io.arcml.k8s.internal.RunFinder;
import io.arcml.k8s.internal.RunOperations;
import io.arcml.k8s.internal.RunRenderer;
import io.arcml.k8s.internal.RunTracker;
import io.arcml.k8s.internal.StoredCompute;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.ComputeSpec;
import io.arcml.resource.ExtensionPod;
import io.arcml.resource.ExtensionResource;
import io.arcml.resource.ResourceState;
import io.arcml.resource.SweepSpec;
import io.arcml.transport.Accepted;
import io.arcml.transport.ClusterPods;
import io.arcml.transport.ComputeOperations;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.ExtensionReads;
import io.arcml.transport.HostedSweeps;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.PagedLists;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct cluster transport: attach, verify and train on a cluster through its API server,
 * with no Azure round trip.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.on(KubernetesControlPlane.connect())) {      // kubeconfig or in-cluster
 *     KubernetesCompute compute = ComputeTarget.attach(ws, "amlarc-compute",
 *             KubernetesCompute.attachConfiguration(resourceId).namespace("amlarc-testing"));
 *     compute.waitForCompletion(true);           // runs the preflight: Creating.Succeeded
 *     compute.submit(job).waitForCompletion(true);
 * }
 * }</pre>
 *
 * <p>Attach records the compute in the cluster (a ConfigMap in the record namespace, plus Azure
 * ML {@code InstanceType} resources where that CRD is installed) and checks, while it is waited
 * for, that the namespace exists, the Azure ML extension is healthy when expected, and every
 * instance type fits a node. Jobs become Indexed Jobs, Volcano Jobs or Kubeflow PyTorchJobs with
 * GPU-aware pod specs; see {@link DistributedEngine}.
 *
 * <p>It reads the Azure ML extension from its pods but does not install or remove it
 * ({@link #extensionInstalls()} is empty): Azure manages extensions, so use Azure Resource
 * Manager or {@code az k8s-extension create} for that. Sweeps become Katib Experiments only with
 * {@link Builder#katibSweeps(boolean)}.
 */
public final class KubernetesControlPlane
        implements ControlPlane,
                ComputeOperations,
                ExtensionReads,
                ClusterPods,
                JobOperations,
                HostedSweeps,
                PagedLists {
    /** The objects one list request asks for unless the builder or the caller says otherwise. */
    public static final int DEFAULT_LIST_PAGE_SIZE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesControlPlane.class);

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final WorkspaceId workspace;
    private final String location;
    private final String extensionNamespace;
    private final Duration pollInterval;
    private final int listPageSize;
    private final ComputeRecords records;
    private final Preflight preflight;
    private final RunTracker tracker;
    private final RunOperations runs;
    private final KatibExperiments katib;
    private final boolean katibSweeps;
    /**
     * Compute records read in the last {@link #RECORD_REUSE} (a sweep submits hundreds of trials to
     * one compute): one API request per trial instead of two. Attach and detach through this
     * control plane drop the entry; a detach by another process is seen once the entry is older
     * than that.
     */
    private final RecentComputes recentComputes = new RecentComputes(RECORD_REUSE, System::nanoTime);

    private static final Duration RECORD_REUSE = Duration.ofSeconds(10);

    private KubernetesControlPlane(Builder b, boolean ownsClient) {
        this.client = b.client;
        this.ownsClient = ownsClient;
        this.workspace = b.workspace;
        this.location = b.location;
        this.extensionNamespace = b.extensionNamespace;
        this.pollInterval = b.pollInterval;
        this.listPageSize = b.listPageSize;
        this.records = new ComputeRecords(client, b.recordNamespace, workspace, location);
        this.preflight = new Preflight(client, extensionNamespace, b.expectExtension);
        this.tracker = new RunTracker(client);
        RunRenderer renderer = new RunRenderer(new PodSpecFactory(
                b.runtimeClassName,
                b.proxy == null ? null : new PodProxy(b.proxy.httpProxy(), b.proxy.httpsProxy(), b.proxy.noProxy())));
        this.runs = new RunOperations(client, renderer, tracker, RunEngine.valueOf(b.engine.name()), pollInterval);
        this.katib = new KatibExperiments(client, renderer, pollInterval);
        this.katibSweeps = b.katibSweeps;
    }

    /** Connects through a client the caller configured (and closes). */
    public static KubernetesControlPlane connect(KubernetesClient client) {
        return builder(client).build();
    }

    /**
     * Connects the way {@code kubectl} does: the kubeconfig ({@code KUBECONFIG} or
     * {@code ~/.kube/config}, current context), else the in-cluster service account. The client is
     * closed with the control plane.
     */
    public static KubernetesControlPlane connect() {
        KubernetesClient client = new KubernetesClientBuilder()
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
        return new KubernetesControlPlane(builder(client), true);
    }

    /**
     * Connects to an AKS cluster from its resource ID, with the credential that signs in to Azure:
     * the cluster's user kubeconfig is fetched through Azure Resource Manager
     * ({@code listClusterUserCredential}, azure-resourcemanager-containerservice) and, on a Microsoft
     * Entra ID cluster, the credential's tokens replace {@code kubelogin}. The client is closed with
     * the control plane. Attach through Azure and train directly on the same cluster:
     *
     * <pre>{@code
     * TokenCredential credential = new DefaultAzureCredentialBuilder().build();
     * ArmControlPlane arm = ArmControlPlane.builder().workspace(workspaceId).credential(credential).build();
     * KubernetesControlPlane direct = KubernetesControlPlane.fromAks(aksResourceId, credential, arm.httpPipeline(), arm.profile());
     * }</pre>
     *
     * @param aksResourceId {@code /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ContainerService/managedClusters/<name>}
     * @param credential the credential for the cluster's Entra ID sign-in (the one the ARM pipeline uses)
     * @param armPipeline the pipeline of the ARM request, e.g. {@code ArmControlPlane.httpPipeline()}
     * @param profile the cloud (and tenant) of that request, e.g. {@code ArmControlPlane.profile()}; the subscription is the cluster's
     * @throws ValidationException when the ID is not an AKS cluster's
     * @throws io.arcml.ArcmlException when the kubeconfig cannot be read (the cluster is missing, the role is missing)
     */
    public static KubernetesControlPlane fromAks(
            String aksResourceId, TokenCredential credential, HttpPipeline armPipeline, AzureProfile profile) {
        Arguments.nonNull(aksResourceId, "aksResourceId");
        Arguments.nonNull(credential, "credential");
        Config config = AksKubeconfig.fetch(
                Arguments.nonNull(armPipeline, "armPipeline"),
                Arguments.nonNull(profile, "profile"),
                aksResourceId,
                credential);
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
        return new KubernetesControlPlane(builder(client), true);
    }

    /**
     * {@link #fromAks(String, TokenCredential, HttpPipeline, AzureProfile)} in the public cloud, on
     * azure-resourcemanager's default pipeline for the credential (sign-in, retry, user agent).
     */
    public static KubernetesControlPlane fromAks(String aksResourceId, TokenCredential credential) {
        Arguments.nonNull(aksResourceId, "aksResourceId");
        AzureProfile profile = new AzureProfile(AzureEnvironment.AZURE);
        HttpPipeline pipeline = ContainerServiceManager.authenticate(
                        Arguments.nonNull(credential, "credential"), profile)
                .httpPipeline();
        return fromAks(aksResourceId, credential, pipeline, profile);
    }

    /** A builder for the settings beyond the client. */
    public static Builder builder(KubernetesClient client) {
        return new Builder(Arguments.nonNull(client, "client"));
    }

    @Override
    public Optional<HostedSweeps> hostedSweeps() {
        return katibSweeps ? Optional.of(this) : Optional.empty();
    }

    /** The client this control plane talks through. */
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    @Override
    public WorkspaceId workspace() {
        return workspace;
    }

    @Override
    public String workspaceLocation() {
        return location;
    }

    @Override
    public Optional<ComputeResource> getCompute(String name) {
        Arguments.nonNull(name, "name");
        // Remembered for submissions: a sweep's trials, submitted right after the compute is read, need not read it
        // again.
        return records.get(name).map(this::settle).map(recentComputes::remember).map(StoredCompute::resource);
    }

    /** Every compute recorded in the cluster, read page by page ({@link Builder#listPageSize(int)} records a request). */
    @Override
    public List<ComputeResource> listComputes() {
        return PagedLists.iterable(this::computePage).stream().toList();
    }

    /**
     * One page of the computes recorded in the cluster: one list of their ConfigMaps with the
     * Kubernetes {@code limit} (the page size, else {@link Builder#listPageSize(int)}) and
     * {@code continue} token. A compute still {@code Creating} is verified as it is read.
     *
     * @throws ControlPlaneException when the API server refuses the list (410 once the token has expired)
     */
    @Override
    public PagedResponse<ComputeResource> computePage(String continuationToken, Integer pageSize) {
        ComputeRecords.Page page =
                records.page(pageSize == null || pageSize < 1 ? listPageSize : pageSize, continuationToken);
        return PagedLists.page(
                page.computes().stream()
                        .map(this::settle)
                        .map(StoredCompute::resource)
                        .toList(),
                page.continueToken());
    }

    /** A compute still Creating is verified now: the preflight decides between Succeeded and Failed. */
    private StoredCompute settle(StoredCompute stored) {
        if (stored.resource().provisioningState() != ResourceState.CREATING) {
            return stored;
        }
        String name = stored.resource().name();
        List<ErrorDetail> errors = preflight.check(stored.spec(), records.instanceTypeCrdInstalled());
        ResourceState state = errors.isEmpty() ? ResourceState.SUCCEEDED : ResourceState.FAILED;
        LOG.info("Preflight of compute '{}': {}{}", name, state, errors.isEmpty() ? "" : " " + errors);
        return records.updateState(stored, state, errors);
    }

    @Override
    public Accepted<ComputeResource> beginAttach(String name, ComputeSpec settings) {
        Arguments.nonNull(name, "name");
        Arguments.nonNull(settings, "settings");
        KubernetesComputeSpec spec = KubernetesComputeSpec.fromSpi(settings, (type, invalid) -> {
            throw invalid;
        });
        recentComputes.forget(name);
        records.get(name).ifPresent(existing -> {
            LOG.info("Compute '{}' is recorded already; replacing it", name);
            records.delete(existing);
        });
        StoredCompute stored = records.create(name, spec);
        LongRunningOperation op = new LongRunningOperation() {
            @Override
            public OperationStatus initialStatus() {
                return new OperationStatus(
                        OperationStatus.State.IN_PROGRESS, ResourceState.CREATING.toString(), null, pollInterval);
            }

            @Override
            public OperationStatus poll() {
                StoredCompute now = records.get(name)
                        .map(KubernetesControlPlane.this::settle)
                        .orElseThrow(() -> new ControlPlaneException(
                                404,
                                ErrorDetail.of(
                                        "ComputeNotFound",
                                        "Compute '" + name + "' was removed from the cluster while it was attached"),
                                null));
                ComputeResource r = now.resource();
                if (r.provisioningState() == ResourceState.SUCCEEDED) {
                    return new OperationStatus(OperationStatus.State.SUCCEEDED, "Succeeded", null, pollInterval);
                }
                ErrorDetail summary = new ErrorDetail(
                        "PreflightFailed",
                        r.provisioningErrors().size() + " preflight check(s) of compute '" + name + "' failed",
                        null,
                        r.provisioningErrors());
                return new OperationStatus(OperationStatus.State.FAILED, "Failed", summary, pollInterval);
            }
        };
        return new Accepted<>(stored.resource(), op);
    }

    @Override
    public LongRunningOperation beginDetach(String name) {
        Arguments.nonNull(name, "name");
        recentComputes.forget(name);
        records.get(name).ifPresent(records::delete);
        // Reported as ARM reports a detach (Deleting, then Succeeded), though the records are already gone.
        return new LongRunningOperation() {
            @Override
            public OperationStatus initialStatus() {
                return new OperationStatus(
                        OperationStatus.State.IN_PROGRESS, ResourceState.DELETING.toString(), null, pollInterval);
            }

            @Override
            public OperationStatus poll() {
                return records.get(name).isPresent()
                        ? initialStatus()
                        : new OperationStatus(OperationStatus.State.SUCCEEDED, "Succeeded", null, pollInterval);
            }
        };
    }

    @Override
    public Optional<ExtensionResource> getExtension(String clusterId, String name) {
        Arguments.nonNull(clusterId, "clusterId");
        Arguments.nonNull(name, "name");
        if (client.namespaces().withName(extensionNamespace).get() == null) {
            return Optional.empty();
        }
        List<ExtensionPod> pods = preflight.extensionPods(extensionNamespace);
        if (pods.isEmpty()) {
            return Optional.empty();
        }
        boolean broken =
                pods.stream().anyMatch(p -> "Failed".equals(p.phase()) || "CrashLoopBackOff".equals(p.reason()));
        boolean healthy = pods.stream().allMatch(ExtensionPod::isHealthy);
        ResourceState state =
                broken ? ResourceState.FAILED : healthy ? ResourceState.SUCCEEDED : ResourceState.CREATING;
        List<ExtensionResource.Message> messages = pods.stream()
                .filter(p -> !p.isHealthy())
                .map(p -> new ExtensionResource.Message(
                        p.reason() == null ? p.phase() : p.reason(),
                        p.phase(),
                        "Warning",
                        "Pod " + p.name() + " is " + p.phase() + (p.reason() == null ? "" : " (" + p.reason() + ")"),
                        null))
                .toList();
        ErrorDetail error = broken
                ? ErrorDetail.of(
                        "ExtensionPodsFailed",
                        messages.stream()
                                .map(ExtensionResource.Message::message)
                                .reduce((a, b) -> a + "; " + b)
                                .orElse(""))
                : null;
        return Optional.of(new ExtensionResource(
                clusterId + "/providers/Microsoft.KubernetesConfiguration/extensions/" + name,
                name,
                AzureMLExtensionConfiguration.EXTENSION_TYPE,
                state,
                null,
                null,
                null,
                false,
                extensionNamespace,
                Map.of(),
                messages,
                error,
                null));
    }

    /**
     * The Azure ML extension read from its pods, under the name the how-to gives it
     * ({@value AzureMLExtension#DEFAULT_NAME}): the cluster keeps no record of the name Azure knows it by.
     */
    @Override
    public List<ExtensionResource> listExtensions(String clusterId) {
        Arguments.nonNull(clusterId, "clusterId");
        return getExtension(clusterId, AzureMLExtension.DEFAULT_NAME).stream().toList();
    }

    /** The Azure ML extension read from its pods ({@link #listExtensions}): one page, whatever the token and size. */
    @Override
    public PagedResponse<ExtensionResource> extensionPage(
            String clusterId, String continuationToken, Integer pageSize) {
        return PagedLists.page(listExtensions(clusterId), null);
    }

    @Override
    public List<ExtensionPod> extensionPods(String clusterId, String releaseNamespace) {
        Arguments.nonNull(clusterId, "clusterId");
        Arguments.nonNull(releaseNamespace, "releaseNamespace");
        return preflight.extensionPods(releaseNamespace);
    }

    @Override
    public JobResource submitJob(String computeName, CommandSpec job) {
        Arguments.nonNull(computeName, "computeName");
        Arguments.nonNull(job, "job");
        requireRunnableOnCluster(job);
        StoredCompute stored = recentCompute(computeName);
        KubernetesComputeSpec spec = stored.spec();
        return runs.submit(
                computeName, spec.namespace(), job, spec.instanceTypes().get(job.instanceType()));
    }

    @Override
    public Optional<JobResource> getJob(String computeName, String runId) {
        Arguments.nonNull(computeName, "computeName");
        Arguments.nonNull(runId, "runId");
        if (KatibExperiments.owns(runId)) {
            return katib.get(computeName, namespaceOf(computeName), runId);
        }
        return runs.get(computeName, () -> namespaceOf(computeName), runId);
    }

    /** A sweep as a Katib Experiment: offered through {@link #hostedSweeps()} with {@link Builder#katibSweeps(boolean)}. */
    @Override
    public JobResource submitSweep(String computeName, SweepSpec sweep) {
        Arguments.nonNull(computeName, "computeName");
        Arguments.nonNull(sweep, "sweep");
        sweep.requireRunnableWithoutAzure("the direct cluster transport");
        requireRunnableOnCluster(sweep.trial());
        KubernetesComputeSpec spec = recentCompute(computeName).spec();
        return katib.submit(
                computeName,
                spec.namespace(),
                sweep,
                spec.instanceTypes().get(sweep.trial().instanceType()));
    }

    @Override
    public List<JobResource> findJobs(String computeName, String jobName) {
        Arguments.nonNull(computeName, "computeName");
        Arguments.nonNull(jobName, "jobName");
        return RunFinder.runIds(client, namespaceOf(computeName), jobName).stream()
                .map(runId -> getJob(computeName, runId))
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public String jobLogs(String computeName, String runId) {
        Arguments.nonNull(computeName, "computeName");
        Arguments.nonNull(runId, "runId");
        if (KatibExperiments.owns(runId)) {
            return katib.summary(namespaceOf(computeName), runId);
        }
        return runs.logs(() -> namespaceOf(computeName), runId);
    }

    @Override
    public LongRunningOperation beginCancelJob(String computeName, String runId) {
        Arguments.nonNull(computeName, "computeName");
        Arguments.nonNull(runId, "runId");
        if (KatibExperiments.owns(runId)) {
            return katib.cancel(namespaceOf(computeName), runId);
        }
        return runs.cancel(() -> namespaceOf(computeName), runId);
    }

    @Override
    public Duration jobStatusInterval() {
        return pollInterval;
    }

    private String namespaceOf(String computeName) {
        return requireCompute(computeName).spec().namespace();
    }

    /** What only Azure ML can do is refused before anything is created. */
    private static void requireRunnableOnCluster(CommandSpec job) {
        if (job.image() == null && job.dockerBuild() == null) { // a Docker build is refused below, by name
            throw new ValidationException(
                    "image",
                    null,
                    "is required on a cluster: environment " + job.environmentId() + " is resolved only by Azure ML",
                    "Give the container image with image(..)");
        }
        if (job.codeId() != null) {
            throw new ValidationException(
                    "codeId",
                    job.codeId(),
                    "is an Azure ML code asset, which a cluster cannot download",
                    "Build the code into the image, or mount it with nfsMount(..)");
        }
        job.requireNoLocalCode("code", "the direct cluster transport");
        job.requireNoDataInputs("inputs", "the direct cluster transport");
        job.requireRunnableWithoutAzure("", "the direct cluster transport");
        if (!job.outputs().isEmpty()) {
            throw new ValidationException(
                    "outputs",
                    String.join(",", job.outputs().keySet()),
                    "are stored by Azure ML, not by a cluster",
                    "Write outputs to an NFS mount (nfsMount(..)), or use a pipeline step's outputs on shared storage");
        }
    }

    private StoredCompute recentCompute(String computeName) {
        return recentComputes.get(computeName, this::requireCompute);
    }

    private StoredCompute requireCompute(String computeName) {
        return records.get(computeName)
                .orElseThrow(() -> new ControlPlaneException(
                        404,
                        ErrorDetail.of(
                                "ComputeNotFound",
                                "Compute '" + computeName
                                        + "' is not attached to this cluster; attach it with ComputeTarget.attach"),
                        null));
    }

    /** Stops the informers, and closes the client when {@link #connect()} made it. */
    @Override
    public void close() {
        tracker.close();
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "KubernetesControlPlane{server=" + client.getMasterUrl() + ", workspace=" + workspace.workspaceName()
                + "}";
    }

    /** Settings of a {@link KubernetesControlPlane}; every one has a default. */
    public static final class Builder {
        private final KubernetesClient client;
        private WorkspaceId workspace = new WorkspaceId("00000000-0000-0000-0000-000000000000", "arcml", "cluster");
        private String location = "cluster";
        private String recordNamespace = "default";
        private String extensionNamespace = "azureml";
        private Boolean expectExtension;
        private DistributedEngine engine = DistributedEngine.AUTO;
        private String runtimeClassName;
        private TrainingPodProxy proxy;
        private Duration pollInterval = Duration.ofSeconds(1);
        private boolean katibSweeps;
        private int listPageSize = DEFAULT_LIST_PAGE_SIZE;

        private Builder(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** The workspace the cluster's computes are reported under (IDs and messages only). */
        public Builder workspace(WorkspaceId workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
            return this;
        }

        /** The region reported as the computes' location. Default {@code cluster}. */
        public Builder location(String location) {
            this.location = Objects.requireNonNull(location, "location");
            return this;
        }

        /** Where compute records (ConfigMaps) are kept. Default {@code default}. */
        public Builder recordNamespace(String namespace) {
            this.recordNamespace = ComputeNames.requireNamespace(namespace);
            return this;
        }

        /** The Azure ML extension's release namespace. Default {@code azureml}. */
        public Builder extensionNamespace(String namespace) {
            this.extensionNamespace = ComputeNames.requireNamespace(namespace);
            return this;
        }

        /**
         * Whether attach requires the Azure ML extension's pods to be healthy: {@code true} fails
         * attaches on clusters without it, {@code false} skips the check. Unset, the check runs
         * when the extension looks installed (its namespace or InstanceType CRD exists).
         */
        public Builder expectExtension(boolean expect) {
            this.expectExtension = expect;
            return this;
        }

        /** The engine for multi-instance jobs. Default {@link DistributedEngine#AUTO}. */
        public Builder distributedEngine(DistributedEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * The RuntimeClass for pods that use GPUs, e.g. {@code nvidia} where the NVIDIA runtime is
         * not containerd's default (GPU Operator clusters). Unset by default: AKS needs none;
         * {@code null} unsets it.
         */
        public Builder runtimeClassName(String runtimeClassName) {
            this.runtimeClassName = runtimeClassName == null
                    ? null
                    : KubernetesNames.requireDnsSubdomain("runtimeClassName", runtimeClassName, "nvidia");
            return this;
        }

        /** The outbound proxy job pods must use; {@code null} (the default) for none. */
        public Builder proxy(TrainingPodProxy proxy) {
            this.proxy = proxy;
            return this;
        }

        /** How often waits re-read a status. Default 1 s. */
        public Builder pollInterval(Duration interval) {
            if (interval == null || interval.isNegative()) {
                throw new ValidationException(
                        "pollInterval", String.valueOf(interval), "is negative", "Use Duration.ZERO or more");
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * Whether sweeps are submitted as Katib Experiments ({@code kubeflow.org/v1beta1}) for Katib to
         * run, instead of by arcml's own trial launcher (the default, which works on any cluster).
         */
        public Builder katibSweeps(boolean katib) {
            this.katibSweeps = katib;
            return this;
        }

        /**
         * How many objects one list request asks for (the Kubernetes {@code limit}) when the caller
         * asks for no page size; the next page follows the {@code continue} token. Default
         * {@value KubernetesControlPlane#DEFAULT_LIST_PAGE_SIZE}, as {@code kubectl}'s {@code --chunk-size}.
         */
        public Builder listPageSize(int size) {
            if (size < 1) {
                throw new ValidationException(
                        "listPageSize", String.valueOf(size), "is less than 1", "Use 1 or more, e.g. 500");
            }
            this.listPageSize = size;
            return this;
        }

        /** Builds the control plane; the caller keeps ownership of the client. */
        public KubernetesControlPlane build() {
            return new KubernetesControlPlane(this, false);
        }
    }
}
