package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.PagedResponseBase;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resources.ResourceManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ErrorDetail;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.internal.Arguments;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.ComputeSpec;
import io.arcml.resource.ExtensionResource;
import io.arcml.resource.ExtensionSpec;
import io.arcml.resource.PipelineSpec;
import io.arcml.resource.SweepSpec;
import io.arcml.transport.Accepted;
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
import io.arcml.transport.PagedLists;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane of real Azure: Azure Resource Manager's REST API for
 * {@code Microsoft.MachineLearningServices/workspaces/computes} and
 * {@code Microsoft.KubernetesConfiguration/extensions}, over an azure-core pipeline (retry with
 * {@code Retry-After}, bearer token, logging with secrets redacted, user agent, proxy from the
 * standard settings).
 *
 * <pre>{@code
 * ControlPlane arm = ArmControlPlane.builder()
 *     .workspace(new WorkspaceId(subscriptionId, "rg", "ws"))
 *     .credential(new DefaultAzureCredentialBuilder().build())
 *     .build();
 * Workspace ws = Workspace.on(arm);       // or simply Workspace.fromConfig()
 * }</pre>
 *
 * It offers every capability but {@link #clusterPods()}: Azure Resource Manager cannot see inside a cluster.
 * Each method is one request, except {@link #listComputes()} and {@link #listExtensions} (one per
 * page), the first call that needs the workspace location (one GET of the workspace, cached), and
 * the first attach or extension install naming a cluster (one GET of the cluster resource, which
 * checks it exists before anything is written; cached).
 *
 * <p>Beside the transport-neutral methods, the Azure SDK for Java's shapes:
 * {@link #listComputesPaged()} and {@link #listExtensionsPaged(ClusterResourceId)} as lazy
 * {@link PagedIterable}s (one request per page iterated, following {@code nextLink}), and
 * {@link #getComputeWithResponse(String, Context)} with the response's status and headers.
 */
public final class ArmControlPlane
        implements ControlPlane,
                ComputeOperations,
                ExtensionReads,
                ExtensionInstalls,
                JobOperations,
                HostedSweeps,
                HostedPipelines,
                PagedLists {
    /** The api-version of workspaces and computes used unless overridden. */
    public static final String DEFAULT_COMPUTE_API_VERSION = "2024-10-01";
    /** The api-version of cluster extensions used unless overridden. */
    public static final String DEFAULT_EXTENSION_API_VERSION = "2024-11-01";

    private static final Logger LOG = LoggerFactory.getLogger(ArmControlPlane.class);
    private static final String EXTENSIONS = "/providers/Microsoft.KubernetesConfiguration/extensions";

    private final WorkspaceId workspace;
    private final ArmClient client;
    private final String computeApiVersion;
    private final String extensionApiVersion;
    private final Duration defaultPollInterval;
    private final ArmJobs jobs;
    private final ClusterLookup clusters;
    private final AzureProfile profile;
    private volatile String workspaceLocation;

    ArmControlPlane(
            WorkspaceId workspace,
            ArmClient client,
            BlobWriter blobs,
            ResourceManager resources,
            AzureProfile profile,
            String computeApiVersion,
            String extensionApiVersion,
            Duration defaultPollInterval) {
        this.workspace = workspace;
        this.client = client;
        this.profile = profile;
        this.clusters = new ClusterLookup(resources);
        this.computeApiVersion = computeApiVersion;
        this.extensionApiVersion = extensionApiVersion;
        this.defaultPollInterval = defaultPollInterval;
        this.jobs = new ArmJobs(
                client,
                new ArmUploads(client, blobs, workspace, computeApiVersion),
                workspace,
                computeApiVersion,
                defaultPollInterval);
    }

    /** A new builder. */
    public static ArmControlPlaneBuilder builder() {
        return new ArmControlPlaneBuilder();
    }

    @Override
    public String kind() {
        return "arm";
    }

    @Override
    public WorkspaceId workspace() {
        return workspace;
    }

    /**
     * The pipeline every request of this control plane goes through (sign-in with the builder's
     * credential, token pinned to the management endpoint, retry, logging), for azure-resourcemanager
     * clients that should share it, e.g. {@code ContainerServiceManager.authenticate(arm.httpPipeline(), arm.profile())}.
     */
    public HttpPipeline httpPipeline() {
        return client.pipeline();
    }

    /** The subscription, tenant and cloud of this control plane, its management endpoint as the resource manager endpoint. */
    public AzureProfile profile() {
        return profile;
    }

    /** The api-version used for workspaces and computes. */
    public String computeApiVersion() {
        return computeApiVersion;
    }

    /** The api-version used for cluster extensions. */
    public String extensionApiVersion() {
        return extensionApiVersion;
    }

    /**
     * The workspace's region, read from the workspace resource on first use and then kept: it is
     * the {@code location} of every compute attached to it.
     *
     * @throws ArmException when the workspace cannot be read (for example it does not exist)
     */
    @Override
    public String workspaceLocation() {
        String location = workspaceLocation;
        if (location == null) {
            synchronized (this) {
                if (workspaceLocation == null) {
                    JsonNode body = client.send(HttpMethod.GET, client.url(workspace.resourceId(), computeApiVersion))
                            .body();
                    String read = body == null ? null : ComputeJson.text(body, "location");
                    if (read == null) {
                        throw new ArmException(
                                200,
                                ErrorDetail.of("InvalidResponseContent", "The workspace resource has no location"),
                                null,
                                "GET",
                                workspace.resourceId(),
                                null,
                                null);
                    }
                    workspaceLocation = read;
                    LOG.debug("Workspace {} is in {}", workspace.workspaceName(), read);
                }
                location = workspaceLocation;
            }
        }
        return location;
    }

    /**
     * The region of a cluster, read through azure-resourcemanager-resources' generic-resources API
     * on first use and then kept. Attaches and extension installs read it before they write: a
     * cluster that does not exist fails them with nothing written.
     *
     * @throws ArmException naming the cluster and how to list them when it does not exist
     */
    public String clusterLocation(ClusterResourceId cluster) {
        return clusters.location(Arguments.nonNull(cluster, "cluster"));
    }

    @Override
    public Optional<ComputeResource> getCompute(String name) {
        ArmResponse response = client.sendAllowingNotFound(HttpMethod.GET, computeUrl(name));
        return response.statusCode() == 404 || response.body() == null
                ? Optional.empty()
                : Optional.of(ComputeJson.read(response.body()));
    }

    /**
     * The compute of that name with the response's status and headers (for example its
     * {@code x-ms-request-id} or {@code ETag}), sent with the given {@link Context}.
     *
     * @throws ArmException when there is no compute of that name (status 404) or ARM fails the request
     */
    public Response<ComputeResource> getComputeWithResponse(String name, Context context) {
        String url = computeUrl(Arguments.nonNull(name, "name"));
        ArmResponse response = client.send(HttpMethod.GET, url, Arguments.nonNull(context, "context"));
        return new SimpleResponse<>(
                new HttpRequest(HttpMethod.GET, url),
                response.statusCode(),
                response.headers(),
                response.body() == null ? null : ComputeJson.read(response.body()));
    }

    @Override
    public List<ComputeResource> listComputes() {
        return listComputesPaged().stream().toList();
    }

    /** The computes of the workspace, every kind, read one page per request as the iteration reaches it. */
    public PagedIterable<ComputeResource> listComputesPaged() {
        return PagedLists.iterable(this::computePage);
    }

    /** One page of computes: the first from the workspace's list, each next one from the last page's {@code nextLink}. */
    @Override
    public PagedResponse<ComputeResource> computePage(String continuationToken, Integer pageSize) {
        String url = continuationToken != null
                ? continuationToken
                : client.url(workspace.resourceId() + "/computes", computeApiVersion);
        return page(url, computeApiVersion, ComputeJson::read);
    }

    @Override
    public Accepted<ComputeResource> beginAttach(String name, ComputeSpec spec) {
        String location = workspaceLocation();
        clusters.location(ClusterResourceId.parse(spec.resourceId()));
        String url = computeUrl(name);
        ArmResponse response = client.send(
                HttpMethod.PUT,
                url,
                ComputeJson.attachBody(spec, location, true),
                ComputeJson.attachBody(spec, location, false));
        ComputeResource echoed = response.body() == null ? null : ComputeJson.read(response.body());
        if (echoed != null && echoed.spec() == null) {
            echoed = null; // an echo without the Kubernetes settings: let the caller use what it sent
        }
        return new Accepted<>(
                echoed, ArmOperation.start(client, response, url, computeApiVersion, false, defaultPollInterval));
    }

    @Override
    public LongRunningOperation beginDetach(String name) {
        String url = computeUrl(name);
        ArmResponse response = client.send(
                HttpMethod.DELETE,
                client.url(computePath(name), computeApiVersion, "underlyingResourceAction", "Detach"));
        return ArmOperation.start(client, response, url, computeApiVersion, true, defaultPollInterval);
    }

    @Override
    public Optional<ExtensionResource> getExtension(String clusterId, String name) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        ArmResponse response = client.sendAllowingNotFound(HttpMethod.GET, extensionUrl(cluster, name));
        return response.statusCode() == 404 || response.body() == null
                ? Optional.empty()
                : Optional.of(ExtensionJson.read(response.body()));
    }

    @Override
    public List<ExtensionResource> listExtensions(String clusterId) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        return listExtensionsPaged(cluster).stream().toList();
    }

    /** The extensions of a cluster, every type, read one page per request as the iteration reaches it. */
    public PagedIterable<ExtensionResource> listExtensionsPaged(ClusterResourceId cluster) {
        Arguments.nonNull(cluster, "cluster");
        return PagedLists.iterable((token, size) -> extensionPage(cluster.toString(), token, size));
    }

    /** One page of a cluster's extensions: the first from the cluster's list, each next one from the last page's {@code nextLink}. */
    @Override
    public PagedResponse<ExtensionResource> extensionPage(
            String clusterId, String continuationToken, Integer pageSize) {
        String url = continuationToken != null
                ? continuationToken
                : client.url(ClusterResourceId.parse(clusterId) + EXTENSIONS, extensionApiVersion);
        return page(url, extensionApiVersion, ExtensionJson::read);
    }

    @Override
    public Accepted<ExtensionResource> beginCreateExtension(String clusterId, String name, ExtensionSpec spec) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        clusters.location(cluster);
        String url = extensionUrl(cluster, name);
        ArmResponse response = client.send(
                HttpMethod.PUT, url, ExtensionJson.createBody(spec, true), ExtensionJson.createBody(spec, false));
        ExtensionResource echoed = response.body() == null ? null : ExtensionJson.read(response.body());
        return new Accepted<>(
                echoed, ArmOperation.start(client, response, url, extensionApiVersion, false, defaultPollInterval));
    }

    @Override
    public LongRunningOperation beginDeleteExtension(String clusterId, String name, boolean force) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        String path = cluster + EXTENSIONS + "/" + name;
        String url = force
                ? client.url(path, extensionApiVersion, "forceDelete", "true")
                : client.url(path, extensionApiVersion);
        ArmResponse response = client.send(HttpMethod.DELETE, url);
        return ArmOperation.start(
                client, response, extensionUrl(cluster, name), extensionApiVersion, true, defaultPollInterval);
    }

    @Override
    public JobResource submitJob(String computeName, CommandSpec job) {
        return jobs.submit(computeName, job);
    }

    @Override
    public JobResource submitSweep(String computeName, SweepSpec sweep) {
        return jobs.submit(computeName, sweep);
    }

    @Override
    public JobResource submitPipeline(String computeName, PipelineSpec pipeline) {
        return jobs.submit(computeName, pipeline);
    }

    @Override
    public Optional<JobResource> getJob(String computeName, String runId) {
        return jobs.get(computeName, runId);
    }

    @Override
    public List<JobResource> findJobs(String computeName, String jobName) {
        return jobs.find(computeName, jobName);
    }

    @Override
    public String jobLogs(String computeName, String runId) {
        return jobs.logs(computeName, runId);
    }

    @Override
    public LongRunningOperation beginCancelJob(String computeName, String runId) {
        return jobs.cancel(computeName, runId);
    }

    @Override
    public Duration jobStatusInterval() {
        return defaultPollInterval;
    }

    /**
     * One page: a GET of {@code url}, its {@code value} read, its {@code nextLink} (pinned to the
     * management endpoint, with the api-version) as the continuation token. ARM decides the page size.
     */
    private <T> PagedResponse<T> page(String url, String apiVersion, Function<JsonNode, T> reader) {
        ArmResponse response = client.send(HttpMethod.GET, url);
        JsonNode body = response.body();
        List<T> items = new ArrayList<>();
        String link = null;
        if (body != null) {
            body.path("value").forEach(item -> items.add(reader.apply(item)));
            link = ComputeJson.text(body, "nextLink");
        }
        String next = link == null || link.isBlank() ? null : client.serviceUrl(link, apiVersion);
        LOG.debug("Read a page of {} items{}", items.size(), next == null ? ", the last" : "");
        return new PagedResponseBase<Void, T>(
                new HttpRequest(HttpMethod.GET, url), response.statusCode(), response.headers(), items, next, null);
    }

    private String computePath(String name) {
        return workspace.resourceId() + "/computes/" + name;
    }

    private String computeUrl(String name) {
        return client.url(computePath(name), computeApiVersion);
    }

    private String extensionUrl(ClusterResourceId cluster, String name) {
        return client.url(cluster + EXTENSIONS + "/" + name, extensionApiVersion);
    }

    @Override
    public String toString() {
        return "ArmControlPlane{workspace=" + workspace + ", computeApiVersion=" + computeApiVersion
                + ", extensionApiVersion=" + extensionApiVersion + "}";
    }
}
