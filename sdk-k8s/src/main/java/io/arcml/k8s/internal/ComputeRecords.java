package io.arcml.k8s.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.arcml.ErrorDetail;
import io.arcml.ValidationException;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.InstanceType;
import io.arcml.compute.InstanceTypeJson;
import io.arcml.compute.KubernetesComputeJson;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.internal.Json;
import io.arcml.resource.ResourceState;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlaneException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the direct transport keeps computes: one ConfigMap per compute ({@code arcml-compute-<name>},
 * labelled {@code arcml.io/record=compute}) holding its settings and state, plus one Azure ML
 * {@code InstanceType} resource ({@code amlarc.azureml.com/v1alpha1}) per instance type where the
 * extension's CRD is installed, so that the extension's own operator sees them too.
 */
public final class ComputeRecords {
    /** The InstanceType resources of the Azure ML extension. */
    public static final ResourceDefinitionContext INSTANCE_TYPES = new ResourceDefinitionContext.Builder()
            .withGroup("amlarc.azureml.com")
            .withVersion("v1alpha1")
            .withKind("InstanceType")
            .withPlural("instancetypes")
            .withNamespaced(false)
            .build();
    /** The annotation that keeps an InstanceType resource's Azure ML name (which may hold '_'). */
    public static final String INSTANCE_TYPE_NAME_ANNOTATION = "arcml.io/instance-type-name";

    private static final String DATA_KEY = "compute.json";
    private static final Logger LOG = LoggerFactory.getLogger(ComputeRecords.class);

    private final KubernetesClient client;
    private final String recordNamespace;
    private final WorkspaceId workspace;
    private final String location;

    /**
     * @param client the cluster
     * @param recordNamespace the namespace of the record ConfigMaps
     * @param workspace the workspace the computes belong to
     * @param location the workspace's region
     */
    public ComputeRecords(KubernetesClient client, String recordNamespace, WorkspaceId workspace, String location) {
        this.client = client;
        this.recordNamespace = recordNamespace;
        this.workspace = workspace;
        this.location = location;
    }

    /** The record ConfigMap's name for a compute. */
    public static String recordName(String computeName) {
        return "arcml-compute-" + computeName.toLowerCase(Locale.ROOT);
    }

    /** The InstanceType resource name for an instance type ({@code gpu_instance} becomes {@code gpu-instance}). */
    public static String instanceTypeResourceName(String instanceTypeName) {
        return instanceTypeName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the Azure ML extension's InstanceType CRD is served. */
    public boolean instanceTypeCrdInstalled() {
        return ApiDiscovery.served(client, INSTANCE_TYPES);
    }

    /** Reads one compute. */
    public Optional<StoredCompute> get(String name) {
        ConfigMap cm = client.configMaps()
                .inNamespace(recordNamespace)
                .withName(recordName(name))
                .get();
        return Optional.ofNullable(cm).map(this::read);
    }

    /** One page of the computes recorded in the cluster, and the token of the next. */
    public record Page(List<StoredCompute> computes, String continueToken) {}

    /**
     * One page of the computes recorded in the cluster: one list request with the Kubernetes
     * {@code limit} and {@code continue}.
     *
     * @param limit the most records the page holds
     * @param continueToken {@code null} for the first page, else the last page's {@link Page#continueToken()}
     * @throws ControlPlaneException when the API server refuses the list (410 when the token expired)
     */
    public Page page(int limit, String continueToken) {
        ConfigMapList list;
        try {
            list = client.configMaps()
                    .inNamespace(recordNamespace)
                    .withLabel(ArcmlLabels.RECORD, "compute")
                    .list(limit, continueToken);
        } catch (KubernetesClientException e) {
            throw listRefusal(e);
        }
        String next = list.getMetadata() == null ? null : list.getMetadata().getContinue();
        return new Page(
                list.getItems().stream().map(this::read).toList(), next == null || next.isEmpty() ? null : next);
    }

    private ControlPlaneException listRefusal(KubernetesClientException e) {
        String what = "list configmaps in namespace " + recordNamespace;
        ErrorDetail error = switch (e.getCode()) {
            case 410 ->
                ErrorDetail.of(
                        "Expired",
                        what + ": the continue token of the list has expired (the API server keeps it for about"
                                + " five minutes). List again from the first page");
            case 403 ->
                ErrorDetail.of(
                        "Forbidden",
                        what + " is forbidden for this identity. Grant it, e.g. kubectl create role arcml-records -n "
                                + recordNamespace + " --verb=get,list,create,update,delete --resource=configmaps,"
                                + " and bind the role to the identity");
            default -> ErrorDetail.of("ListFailed", what + " failed (HTTP " + e.getCode() + "): " + e.getMessage());
        };
        return new ControlPlaneException(e.getCode() == 0 ? 500 : e.getCode(), error, null, e);
    }

    /**
     * Records a compute in state {@code Creating}: checks first that no InstanceType resource of the
     * same name says something else, then creates the missing ones and the record.
     *
     * @throws ControlPlaneException 409 when an existing InstanceType resource conflicts (nothing is created)
     */
    public StoredCompute create(String name, KubernetesComputeSpec spec) {
        List<String> toCreate = new ArrayList<>();
        boolean crd = instanceTypeCrdInstalled();
        if (crd) {
            for (Map.Entry<String, InstanceType> e : spec.instanceTypes().entrySet()) {
                String resourceName = instanceTypeResourceName(e.getKey());
                GenericKubernetesResource existing = client.genericKubernetesResources(INSTANCE_TYPES)
                        .withName(resourceName)
                        .get();
                if (existing == null) {
                    toCreate.add(e.getKey());
                } else if (!e.getValue().equals(parseInstanceType(existing.get("spec"), resourceName))) {
                    throw new ControlPlaneException(
                            409,
                            ErrorDetail.of(
                                    "InstanceTypeConflict",
                                    "The cluster already has InstanceType '" + resourceName
                                            + "' with other settings than instance type '"
                                            + e.getKey() + "' (" + e.getValue()
                                            + "). Rename the instance type, or make its settings match "
                                            + "(kubectl get instancetype " + resourceName + " -o yaml)"),
                            null);
                }
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ComputeResource resource = new ComputeResource(
                computeId(name),
                name,
                location,
                ComputeResource.KUBERNETES,
                spec.toSpi(),
                ResourceState.CREATING,
                List.of(),
                true,
                now,
                now,
                Map.of());
        List<String> created = new ArrayList<>();
        for (String typeName : toCreate) {
            client.genericKubernetesResources(INSTANCE_TYPES)
                    .resource(instanceTypeResource(
                            name, typeName, spec.instanceTypes().get(typeName)))
                    .create();
            created.add(instanceTypeResourceName(typeName));
            LOG.debug("Created InstanceType {} for compute '{}'", instanceTypeResourceName(typeName), name);
        }
        StoredCompute stored = new StoredCompute(resource, spec, created);
        client.configMaps()
                .inNamespace(recordNamespace)
                .resource(toConfigMap(stored))
                .create();
        return stored;
    }

    /** Sets a compute's state and errors. */
    public StoredCompute updateState(StoredCompute stored, ResourceState state, List<ErrorDetail> errors) {
        ComputeResource r = stored.resource();
        ComputeResource updated = new ComputeResource(
                r.id(),
                r.name(),
                r.location(),
                r.computeType(),
                r.spec(),
                state,
                errors,
                r.attachedCompute(),
                r.createdOn(),
                OffsetDateTime.now(ZoneOffset.UTC),
                r.tags());
        StoredCompute next = new StoredCompute(updated, stored.spec(), stored.createdInstanceTypes());
        ConfigMap cm = toConfigMap(next);
        client.configMaps()
                .inNamespace(recordNamespace)
                .withName(cm.getMetadata().getName())
                .edit(c -> {
                    c.setData(cm.getData());
                    return c;
                });
        return next;
    }

    /** Removes exactly what {@link #create} created: its InstanceType resources and the record. */
    public void delete(StoredCompute stored) {
        for (String resourceName : stored.createdInstanceTypes()) {
            client.genericKubernetesResources(INSTANCE_TYPES)
                    .withName(resourceName)
                    .delete();
        }
        client.configMaps()
                .inNamespace(recordNamespace)
                .withName(recordName(stored.resource().name()))
                .delete();
    }

    private String computeId(String name) {
        return workspace.resourceId() + "/computes/" + name;
    }

    private GenericKubernetesResource instanceTypeResource(String computeName, String typeName, InstanceType type) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(INSTANCE_TYPES.getGroup() + "/" + INSTANCE_TYPES.getVersion())
                .withKind(INSTANCE_TYPES.getKind())
                .withNewMetadata()
                .withName(instanceTypeResourceName(typeName))
                .addToLabels(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML)
                .addToLabels(ArcmlLabels.COMPUTE, ArcmlLabels.labelValue(computeName))
                .addToAnnotations(INSTANCE_TYPE_NAME_ANNOTATION, typeName)
                .endMetadata()
                .withAdditionalProperties(
                        Map.of("spec", InstanceTypeJson.of(type).toMap()))
                .build();
    }

    /** Reads an instance type in Azure ML's shape ({@code nodeSelector}, {@code resources.requests/limits}). */
    static InstanceType parseInstanceType(Object shape, String name) {
        try {
            return InstanceTypeJson.from(shape).toInstanceType(name);
        } catch (ValidationException | IllegalArgumentException e) {
            throw new ControlPlaneException(
                    500,
                    ErrorDetail.of(
                            "InvalidInstanceType",
                            "The cluster's InstanceType '" + name + "' is invalid: " + e.getMessage()),
                    null);
        }
    }

    /**
     * The JSON a record ConfigMap holds: the compute's settings and state, and the InstanceType
     * resources its attach created.
     */
    @JsonPropertyOrder({
        "name",
        "resourceId",
        "namespace",
        "defaultInstanceType",
        "instanceTypes",
        "identityType",
        "userAssignedIdentities",
        "description",
        "provisioningState",
        "provisioningErrors",
        "createdOn",
        "modifiedOn",
        "createdInstanceTypes"
    })
    record ComputeRecord(
            String name,
            String resourceId,
            String namespace,
            String defaultInstanceType,
            Map<String, InstanceTypeJson> instanceTypes,
            @JsonInclude(JsonInclude.Include.NON_NULL) String identityType,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> userAssignedIdentities,
            String description,
            String provisioningState,
            List<ErrorDetail> provisioningErrors,
            String createdOn,
            String modifiedOn,
            List<String> createdInstanceTypes) {}

    private ConfigMap toConfigMap(StoredCompute stored) {
        ComputeResource r = stored.resource();
        KubernetesComputeSpec spec = stored.spec();
        KubernetesComputeJson settings = KubernetesComputeJson.of(spec);
        ComputeRecord json = new ComputeRecord(
                r.name(),
                spec.resourceId().toString(),
                settings.namespace(),
                settings.defaultInstanceType(),
                settings.instanceTypes(),
                spec.identity() == null ? null : spec.identity().type().name(),
                spec.identity() == null ? null : spec.identity().userAssignedIdentityIds(),
                spec.description(),
                r.provisioningState().toString(),
                r.provisioningErrors(),
                r.createdOn().toString(),
                r.modifiedOn().toString(),
                stored.createdInstanceTypes());
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(recordName(r.name()))
                .withNamespace(recordNamespace)
                .addToLabels(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML)
                .addToLabels(ArcmlLabels.RECORD, "compute")
                .addToLabels(ArcmlLabels.COMPUTE, ArcmlLabels.labelValue(r.name()))
                .endMetadata()
                .addToData(DATA_KEY, Json.pretty(json))
                .build();
    }

    private StoredCompute read(ConfigMap cm) {
        ComputeRecord json;
        try {
            json = Json.mapper().readValue(cm.getData().get(DATA_KEY), ComputeRecord.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ControlPlaneException(
                    500,
                    ErrorDetail.of(
                            "CorruptComputeRecord",
                            "The record " + recordNamespace + "/"
                                    + cm.getMetadata().getName()
                                    + " is not arcml's compute JSON; delete it and attach again"),
                    null,
                    e);
        }
        KubernetesComputeJson settings =
                new KubernetesComputeJson(json.namespace(), json.defaultInstanceType(), json.instanceTypes());
        Map<String, InstanceType> types = settings.instanceTypes((name, invalid) -> {
            throw new ControlPlaneException(
                    500,
                    ErrorDetail.of(
                            "InvalidInstanceType",
                            "The cluster's InstanceType '" + name + "' is invalid: " + invalid.getMessage()),
                    null);
        });
        ComputeIdentity identity = json.identityType() == null
                ? null
                : ComputeIdentity.of(json.identityType(), json.userAssignedIdentities());
        KubernetesComputeSpec spec = new KubernetesComputeSpec(
                ClusterResourceId.parse(json.resourceId()),
                json.namespace(),
                json.defaultInstanceType(),
                types,
                identity,
                json.description(),
                null,
                null);
        ComputeResource resource = new ComputeResource(
                computeId(json.name()),
                json.name(),
                location,
                ComputeResource.KUBERNETES,
                spec.toSpi(),
                ResourceState.parse(json.provisioningState()),
                json.provisioningErrors(),
                true,
                OffsetDateTime.parse(json.createdOn()),
                OffsetDateTime.parse(json.modifiedOn()),
                Map.of());
        return new StoredCompute(
                resource, spec, json.createdInstanceTypes() == null ? List.of() : json.createdInstanceTypes());
    }
}
