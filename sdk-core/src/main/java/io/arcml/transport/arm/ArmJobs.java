package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.ErrorDetail;
import io.arcml.ValidationException;
import io.arcml.WorkspaceId;
import io.arcml.internal.AssetReference;
import io.arcml.internal.Json;
import io.arcml.resource.CommandJobJson;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.DockerBuildSpec;
import io.arcml.resource.JobAssets;
import io.arcml.resource.PipelineJobJson;
import io.arcml.resource.PipelineSpec;
import io.arcml.resource.PipelineStepJson;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.arcml.resource.SweepJobJson;
import io.arcml.resource.SweepSpec;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Jobs on Azure ML's {@code workspaces/jobs}: a command job's inline environment is registered once
 * as the Azure ML CLI registers it ({@link AnonymousEnvironment}), then the job is created with
 * a PUT whose body is the job's REST shape plus {@code computeId} and {@code environmentId}.
 * Azure ML runs the job; arcml reads its status, cancels it, and links its logs in the studio.
 */
final class ArmJobs {
    private static final ObjectMapper JSON = Json.mapper();
    /** The name of an asset in a request URL, as Azure ML's REST contract allows it ({@code name} of the asset operations). */
    private static final Pattern ASSET_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9\\-_]{0,254}");

    private final ArmClient client;
    private final WorkspaceId workspace;
    private final String apiVersion;
    private final Duration pollInterval;
    private final Map<String, String> environmentIds = new ConcurrentHashMap<>();
    private final ArmUploads uploads;
    private final ArmSweepNodes sweepNodes;
    private final ArmCommandNodes commandNodes;

    ArmJobs(ArmClient client, ArmUploads uploads, WorkspaceId workspace, String apiVersion, Duration pollInterval) {
        this.client = client;
        this.uploads = uploads;
        AnonymousComponents components = new AnonymousComponents(client, workspace, apiVersion);
        this.sweepNodes = new ArmSweepNodes(components);
        this.commandNodes = new ArmCommandNodes(components);
        this.workspace = workspace;
        this.apiVersion = apiVersion;
        this.pollInterval = pollInterval;
    }

    /** Creates a command job on the compute. */
    JobResource submit(String computeName, CommandSpec job) {
        uploads.check(job, "");
        return put(computeName, job.name(), CommandJobJson.of(job, place(job, computePath(computeName))));
    }

    /** Creates an Azure ML sweep job: Azure ML samples, launches and stops the trials. */
    JobResource submit(String computeName, SweepSpec sweep) {
        if (sweep.sampling().rule().equals("Bayesian") && sweep.sampling().seed() != 0) {
            throw new ValidationException(
                    "sampling_algorithm.seed",
                    Long.toString(sweep.sampling().seed()),
                    "is not taken by Azure ML's bayesian sampling",
                    "Remove the seed, use random sampling with that seed, or run the sweep on a cluster, where arcml samples with it");
        }
        CommandSpec trial = sweep.trial();
        uploads.check(trial, "trial.");
        return put(computeName, sweep.name(), SweepJobJson.of(sweep, place(trial, computePath(computeName))));
    }

    /**
     * Creates an Azure ML pipeline job: Azure ML orders the steps, runs each on its compute and passes
     * their outputs. Each step is sent as Azure ML's CLI sends a node, referencing its command
     * registered as an anonymous component: a command node ({@link ArmCommandNodes}) or a sweep node
     * ({@link ArmSweepNodes}).
     */
    JobResource submit(String computeName, PipelineSpec pipeline) {
        pipeline.steps().forEach((name, step) -> uploads.check(step.job(), "jobs." + name + "."));
        Map<String, Object> nodes = new LinkedHashMap<>();
        pipeline.steps().forEach((name, step) -> {
            JobAssets assets = place(step.job(), computePath(step.compute() != null ? step.compute() : computeName));
            PipelineStepJson placed = PipelineStepJson.of(pipeline, name, assets);
            nodes.put(
                    name,
                    step.sweep() != null
                            ? sweepNodes.node(name, step.sweep(), placed)
                            : commandNodes.node(step.job(), placed));
        });
        // Azure ML's CLI sends the datastore's resource ID.
        String datastore = pipeline.defaultDatastore() == null
                ? null
                : workspace.resourceId() + "/datastores/" + pipeline.defaultDatastore();
        return put(
                computeName, pipeline.name(), PipelineJobJson.of(pipeline, nodes, computePath(computeName), datastore));
    }

    /**
     * A command's assets as the workspace's resource IDs, for its body's writer: its environment
     * (registered from the image when needed), its code asset (uploaded from a local folder when
     * needed), and each data input, an asset named {@code azureml:<name>:<version>} or
     * {@code azureml:<name>@latest} as the resource ID of that data or model version, a local file
     * or folder as the datastore URI it was uploaded to; datastore paths, job outputs, remote URIs
     * and full IDs as they are.
     */
    private JobAssets place(CommandSpec job, String computeId) {
        String environmentId = environmentOf(job);
        String codeId = job.localCode() != null
                ? uploads.codeId(job.localCode(), "code")
                : job.codeId() != null ? assetId(job.codeId(), "codes", "codeId") : null;
        Map<String, String> inputUris = new LinkedHashMap<>();
        job.dataInputs().forEach((name, input) -> {
            String field = "inputs." + name;
            inputUris.put(
                    name,
                    input.localPath() != null
                            ? uploads.dataUri(input, field)
                            : assetId(input.path(), input.assetKind(), field));
        });
        return new JobAssets(computeId, environmentId, codeId, inputUris);
    }

    private JobResource put(String computeName, String name, Object properties) {
        JsonNode body = JSON.valueToTree(new ArmJobJson.Request(properties));
        ArmResponse response = client.send(HttpMethod.PUT, client.url(jobPath(name), apiVersion), body, body);
        return read(computeName, name, response.body());
    }

    /** Reads a job; empty when there is none of that name on that compute. */
    Optional<JobResource> get(String computeName, String runId) {
        ArmResponse response = client.sendAllowingNotFound(HttpMethod.GET, client.url(jobPath(runId), apiVersion));
        if (response.statusCode() == 404 || response.body() == null) {
            return Optional.empty();
        }
        String computeId =
                Objects.requireNonNullElse(ArmJobJson.read(response.body()).computeId(), "");
        if (!computeId.isEmpty()
                && !computeId.toLowerCase(Locale.ROOT).endsWith("/computes/" + computeName.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(read(computeName, runId, response.body()));
    }

    /** Where a job's logs are: Azure ML keeps them in the run history, shown in the studio. */
    String logs(String computeName, String runId) {
        ArmResponse response = client.send(HttpMethod.GET, client.url(jobPath(runId), apiVersion));
        String studio = ArmJobJson.read(response.body()).studioEndpoint();
        return "Azure ML keeps the logs of run " + runId + " in its run history: "
                + (studio.isEmpty() ? "open the job in Azure ML studio" : studio);
    }

    /** Asks Azure ML to cancel a job; the operation ends when the job has ended. */
    LongRunningOperation cancel(String computeName, String runId) {
        ArmResponse response = client.send(HttpMethod.POST, client.url(jobPath(runId) + "/cancel", apiVersion));
        Duration first = response.retryAfter(pollInterval);
        return new LongRunningOperation() {
            @Override
            public OperationStatus initialStatus() {
                return new OperationStatus(OperationStatus.State.IN_PROGRESS, "CancelRequested", null, first);
            }

            @Override
            public OperationStatus poll() {
                ArmResponse response =
                        client.sendAllowingNotFound(HttpMethod.GET, client.url(jobPath(runId), apiVersion));
                Duration pause = response.retryAfter(pollInterval);
                RunStatus status = response.statusCode() == 404 || response.body() == null
                        ? RunStatus.of(RunState.CANCELED, "gone")
                        : read(computeName, runId, response.body()).status();
                OperationStatus.State state = status.state().isTerminal()
                        ? OperationStatus.State.SUCCEEDED
                        : OperationStatus.State.IN_PROGRESS;
                return new OperationStatus(state, status.state().toString(), null, pause);
            }
        };
    }

    private JobResource read(String computeName, String name, JsonNode body) {
        ArmJobJson.Properties props = ArmJobJson.read(body);
        String raw = props.status() == null ? "NotStarted" : props.status();
        RunState state = RunState.parse(raw);
        String message = switch (raw) {
            case "NotResponding" -> "Azure ML reports the job is not responding";
            case "Paused" -> "The job is paused";
            case "Failed" -> "The job failed; its logs and error are in Azure ML studio";
            default -> state.toString().equals(raw) ? null : raw;
        };
        ErrorDetail error = state == RunState.FAILED ? ErrorDetail.of("JobFailed", message) : null;
        return new JobResource(
                name,
                props.displayName() == null ? name : props.displayName(),
                computeName,
                new RunStatus(
                        state,
                        message,
                        error,
                        ComputeJson.time("StartTimeUtc", props.runProperty("StartTimeUtc")),
                        ComputeJson.time("EndTimeUtc", props.runProperty("EndTimeUtc"))));
    }

    /**
     * The job's environment: the one it names (with its image and conda file, registered under that
     * name and version when missing), else its image (and conda file) registered as the Azure ML CLI
     * registers an inline environment, {@link AnonymousEnvironment}.
     */
    private String environmentOf(CommandSpec job) {
        if (job.dockerBuild() != null) {
            return builtEnvironment(job.dockerBuild(), job.environmentId());
        }
        if (job.environmentId() == null) {
            String path = environmentPath(
                    AnonymousEnvironment.NAME, AnonymousEnvironment.imageVersion(job.image(), condaFile(job, true)));
            return environmentIds.computeIfAbsent(path, p -> registerEnvironment(p, job, true));
        }
        if (job.image() == null) {
            return assetId(job.environmentId(), "environments", "environmentId");
        }
        AssetReference reference = AssetReference.parse(job.environmentId());
        if (reference.form() == AssetReference.Form.NAME_VERSION
                || reference.form() == AssetReference.Form.NAME_LATEST) {
            requireAssetName(
                    reference,
                    "environmentId",
                    "is to be registered from the image " + job.image(),
                    "Register it under a name of letters, digits, '-' and '_', or leave out the image to use the environment as registered");
        }
        String id = assetId(job.environmentId(), "environments", "environmentId");
        return environmentIds.computeIfAbsent(id, p -> registerEnvironment(p, job, false));
    }

    /**
     * The environment Azure ML builds from a Docker context: registered under the job's
     * {@code azureml:<name>:<version>} when it names one (as the CLI registers an environment file's
     * {@code name}, {@code version} and {@code build}), else as the CLI registers an inline one
     * ({@link AnonymousEnvironment}, versioned by the content of a local context). A version that
     * exists is reused with nothing uploaded (a named one only if it holds the same context and
     * Dockerfile path); otherwise a local context is uploaded to workspaceblobstore (once per
     * content) and its URL and Dockerfile path are registered. A remote context is versioned by its
     * URI (the CLI registers each under a new random name).
     */
    private String builtEnvironment(DockerBuildSpec build, String environmentId) {
        String dockerfile = build.dockerfilePathGiven() ? build.dockerfilePath() : null;
        LocalUpload local = build.localContext() == null
                ? null
                : ArmUploads.buildContext(build.localContext(), "environment.build.path");
        String name;
        String version;
        if (environmentId == null) {
            name = AnonymousEnvironment.NAME;
            version = AnonymousEnvironment.buildVersion(
                    local == null ? build.contextUri() : local.objectHash(), dockerfile);
        } else {
            AssetReference reference = AssetReference.parse(environmentId);
            if (reference.form() != AssetReference.Form.NAME_VERSION) {
                throw new ValidationException(
                        "environmentId",
                        environmentId,
                        "names no version to register the Docker context as",
                        "Give azureml:<name>:<version> to register the build under that version, or leave out environmentId");
            }
            requireAssetName(
                    reference,
                    "environmentId",
                    "is to be registered from a Docker context",
                    "Register it under a name of letters, digits, '-' and '_'");
            name = reference.name();
            version = reference.version();
        }
        String path = environmentPath(name, version);
        return environmentIds.computeIfAbsent(path, p -> {
            ArmResponse existing = client.sendAllowingNotFound(HttpMethod.GET, client.url(p, apiVersion));
            if (existing.statusCode() != 404 && existing.body() != null) {
                if (environmentId != null) {
                    requireSameBuild(
                            p,
                            EnvironmentJson.read(existing.body()).properties().build(),
                            build,
                            local);
                }
                return existing.idOr(p);
            }
            String contextUri = local == null ? build.contextUri() : uploads.buildContextUri(local, name, version);
            JsonNode body = EnvironmentJson.ofBuild(contextUri, dockerfile, environmentId == null)
                    .toTree();
            ArmResponse created = client.send(HttpMethod.PUT, client.url(p, apiVersion), body, body);
            return created.idOr(p);
        });
    }

    /**
     * Refuses a named environment version that holds another build than the job's: another remote
     * context, a local context of other content (its upload folder is named by the content's hash),
     * or another Dockerfile path.
     */
    private static void requireSameBuild(
            String path, EnvironmentJson.Build registered, DockerBuildSpec build, LocalUpload local) {
        String registeredUri = registered == null || registered.contextUri() == null ? "" : registered.contextUri();
        String registeredDockerfile = registered == null || registered.dockerfilePath() == null
                ? DockerBuildSpec.DEFAULT_DOCKERFILE
                : registered.dockerfilePath();
        boolean sameContext = local == null
                ? registeredUri.equals(build.contextUri())
                : registeredUri.contains("/LocalUpload/" + local.objectHash() + "/");
        if (!sameContext || !registeredDockerfile.equals(build.dockerfilePath())) {
            throw environmentConflict(
                    path,
                    (registered == null
                                    ? "no Docker build"
                                    : "another Docker build (context " + AssetReference.shown(registeredUri)
                                            + ", Dockerfile " + registeredDockerfile + ")")
                            + " than the job's. Give the job another version, or delete that environment version");
        }
    }

    private String environmentPath(String name, String version) {
        return workspace.resourceId() + "/environments/" + name + "/versions/" + version;
    }

    /** The 409 of an environment version that holds something else than the job's: {@code holds} says what, then the fix. */
    private static ArmException environmentConflict(String path, String holds) {
        return new ArmException(
                409,
                ErrorDetail.of("Conflict", "Environment version " + path + " holds " + holds),
                null,
                "GET",
                path,
                null,
                null);
    }

    /**
     * The ID of the environment version at {@code path}, which must hold the job's image and conda
     * file; registered when missing, as an anonymous environment (the CLI's body) or as the named one.
     */
    private String registerEnvironment(String path, CommandSpec job, boolean anonymous) {
        String image = job.image();
        String condaFile = job.condaFile() == null ? "" : condaFile(job, anonymous);
        ArmResponse existing = client.sendAllowingNotFound(HttpMethod.GET, client.url(path, apiVersion));
        if (existing.statusCode() != 404 && existing.body() != null) {
            EnvironmentJson.Properties registered =
                    EnvironmentJson.read(existing.body()).properties();
            String registeredImage = Objects.requireNonNullElse(registered.image(), "");
            boolean sameConda =
                    Objects.requireNonNullElse(registered.condaFile(), "").equals(condaFile);
            if (!registeredImage.equals(image) || !sameConda) {
                throw environmentConflict(
                        path,
                        "image '" + registeredImage + "'" + (sameConda ? "" : " with another conda file") + ", not '"
                                + image + "'" + (sameConda ? "" : " with the job's")
                                + ". Delete that environment version, or use the image and conda file it holds");
            }
            return existing.idOr(path);
        }
        JsonNode body = EnvironmentJson.ofImage(image, condaFile, anonymous).toTree();
        ArmResponse created = client.send(HttpMethod.PUT, client.url(path, apiVersion), body, body);
        return created.idOr(path);
    }

    /** The job's conda file as sent: for an anonymous environment, as the CLI sends it ({@link CondaFileText}). */
    private static String condaFile(CommandSpec job, boolean anonymous) {
        return job.condaFile() == null || !anonymous ? job.condaFile() : CondaFileText.asCli(job.condaFile());
    }

    /**
     * Refuses an {@code azureml:} reference whose name cannot stand in a request URL: Azure ML's
     * REST contract takes only letters, digits, '-' and '_' there (curated names such as
     * {@code AzureML-pytorch-2.2-cuda12} have dots).
     */
    private static void requireAssetName(AssetReference reference, String field, String why, String fix) {
        if (!ASSET_NAME.matcher(reference.name()).matches()) {
            throw new ValidationException(
                    field,
                    reference.text(),
                    why + ", but Azure ML's REST API takes only letters, digits, '-' and '_' in the name '"
                            + reference.name() + "' of a request",
                    fix);
        }
    }

    /**
     * {@code azureml:<name>:<version>} as the workspace's resource ID of that asset version, and
     * {@code azureml:<name>@latest} as that of its latest version (read from the asset's container);
     * anything else (registry URIs, resource IDs, datastore paths, URIs) as it is.
     */
    private String assetId(String text, String kind, String field) {
        AssetReference reference = AssetReference.parse(text);
        String container = workspace.resourceId() + "/" + kind + "/" + reference.name();
        switch (reference.form()) {
            case NAME_VERSION -> {
                return container + "/versions/" + reference.version();
            }
            case NAME_LATEST -> {
                requireAssetName(
                        reference,
                        field,
                        "is looked up by name for its latest version",
                        "Give the version: azureml:<name>:<version> is sent as the version's ID, with no lookup");
                String latest =
                        AssetJson.Container.latestVersion(client.send(HttpMethod.GET, client.url(container, apiVersion))
                                .body());
                if (latest.isEmpty()) {
                    throw new ValidationException(
                            field,
                            text,
                            "has no latest version in the workspace",
                            "Register a version first, or give azureml:<name>:<version>");
                }
                return container + "/versions/" + latest;
            }
            default -> {
                return text;
            }
        }
    }

    private String computePath(String computeName) {
        return workspace.resourceId() + "/computes/" + computeName;
    }

    private String jobPath(String name) {
        return workspace.resourceId() + "/jobs/" + name;
    }

    /** The runs of a job name on a compute: Azure ML job names are unique in the workspace. */
    List<JobResource> find(String computeName, String jobName) {
        return get(computeName, jobName).map(List::of).orElse(List.of());
    }
}
