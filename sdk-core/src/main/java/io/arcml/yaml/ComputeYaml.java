package io.arcml.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.arcml.ValidationException;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.compute.KubernetesComputeJson;
import io.arcml.internal.Arguments;
import io.arcml.internal.ComputeNames;
import io.arcml.internal.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads an Azure ML CLI v2 compute file of {@code type: kubernetes} (what {@code az ml compute
 * attach --file compute.yml} reads) into the attach configuration and the compute's name:
 *
 * <pre>{@code
 * ComputeYaml file = ComputeYaml.read(Path.of("compute.yml"));
 * ComputeTarget.attach(ws, file.name(), file.attachConfiguration()).waitForCompletion();
 * }</pre>
 *
 * Honoured: {@code name}, {@code resource_id}, {@code namespace}, {@code description},
 * {@code identity} ({@code type}, {@code user_assigned_identities}) and {@code properties} (the
 * compute's settings as the how-to's attach file writes them: {@code defaultInstanceType},
 * {@code instanceTypes}). Refused with the fix: {@code location}, {@code tags}. All problems of a
 * file are reported at once.
 */
public final class ComputeYaml {
    static final Set<String> KEYS =
            Set.of("$schema", "type", "name", "resource_id", "namespace", "description", "identity", "properties");
    static final Map<String, String> REFUSED = Map.of(
            "location",
            "arcml attaches a compute in its workspace's location: remove location",
            "tags",
            "arcml attaches computes without tags: remove tags, and tag the compute in the portal or with az ml compute update");

    /** The compute's {@code identity}: its type and, for user-assigned ones, their IDs. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Identity(
            @Required("Give type: system_assigned, user_assigned or none") @ScalarText
            String type,

            List<JsonNode> userAssignedIdentities) {}

    /** One of an identity's {@code user_assigned_identities}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UserAssignedIdentity(
            @Required("Give the identity's resource ID, /subscriptions/.../userAssignedIdentities/<name>") @ScalarText
            String resourceId) {}

    private final String name;
    private final KubernetesComputeAttachConfiguration configuration;

    private ComputeYaml(String name, KubernetesComputeAttachConfiguration configuration) {
        this.name = name;
        this.configuration = configuration;
    }

    /**
     * Reads a compute YAML file and checks all of it.
     *
     * @throws ValidationException when the file is not there or not YAML (the message starts with
     *     the file), its one problem, or a {@link JobYamlException} with all of them
     */
    public static ComputeYaml read(Path file) {
        Arguments.nonNull(file, "file");
        return parse(JobYaml.readText(file, "compute"), file.toString());
    }

    /**
     * Parses compute YAML text and checks all of it.
     *
     * @throws ValidationException the one problem of the text, or a {@link JobYamlException} with all of them
     */
    public static ComputeYaml parse(String yaml) {
        Arguments.nonNull(yaml, "yaml");
        return parse(yaml, "compute YAML");
    }

    private static ComputeYaml parse(String yaml, String source) {
        JsonNode tree = JobYaml.readMapping(
                yaml,
                source,
                "not a YAML mapping of compute keys",
                "Write the compute as key: value lines: type: kubernetes, name, resource_id, namespace");
        YamlNode root = YamlNode.root(tree, Path.of("").toAbsolutePath());
        YamlProblems problems = root.problems();
        String type = root.requireText("type", "Give type: kubernetes");
        if (!"kubernetes".equals(type.toLowerCase(Locale.ROOT))) {
            throw new ValidationException(
                    "type",
                    type,
                    "is not a compute arcml attaches",
                    "arcml attaches AKS and Azure Arc-enabled clusters: use type: kubernetes");
        }
        root.onlyKeys(KEYS, REFUSED);
        String name = problems.attempt(() ->
                ComputeNames.requireComputeName(root.requireText("name", "Give the compute's name, e.g. k8s-compute")));
        KubernetesComputeAttachConfiguration cfg =
                problems.attempt(() -> KubernetesComputeAttachConfiguration.forCluster(root.requireText(
                        "resource_id", "Give the cluster's resource ID (az connectedk8s show --query id)")));
        if (cfg != null) {
            problems.check(() -> {
                if (root.has("properties")) {
                    cfg.settings(Json.bindStrictly(
                            root.child("properties").rawTree(), KubernetesComputeJson.class, "properties"));
                }
            });
            problems.check(() -> {
                if (root.text("namespace") != null) {
                    cfg.namespace(root.text("namespace"));
                }
            });
            problems.check(() -> {
                if (root.text("description") != null) {
                    cfg.description(root.text("description"));
                }
            });
            problems.check(() -> {
                if (root.has("identity")) {
                    ComputeIdentity identity = identity(root.child("identity"));
                    if (identity != null) {
                        cfg.identity(identity);
                    }
                }
            });
            problems.check(cfg::toSpec);
        }
        problems.throwIfAny();
        return new ComputeYaml(name, cfg);
    }

    /**
     * {@code identity}: {@code system_assigned}, {@code user_assigned} with its
     * {@code user_assigned_identities} ({@code resource_id} each), or {@code none}.
     */
    private static ComputeIdentity identity(YamlNode node) {
        Identity identity = node.bind(Identity.class);
        String type = identity.type();
        List<String> ids = new ArrayList<>();
        List<JsonNode> list = identity.userAssignedIdentities() == null ? List.of() : identity.userAssignedIdentities();
        for (int i = 0; i < list.size(); i++) {
            ids.add(node.item("user_assigned_identities", i, list.get(i))
                    .bind(UserAssignedIdentity.class)
                    .resourceId());
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "none" -> null;
            case "system_assigned" -> ComputeIdentity.of("SystemAssigned", ids);
            case "user_assigned" -> ComputeIdentity.of("UserAssigned", ids);
            default ->
                throw new ValidationException(
                        node.field("type"),
                        type,
                        "is not an identity type arcml attaches with",
                        "Use system_assigned or user_assigned (one kind of identity per compute)");
        };
    }

    /** The compute's name in the workspace ({@code name}). */
    public String name() {
        return name;
    }

    /** The attach configuration the file describes, checked; set more on it before attaching if needed. */
    public KubernetesComputeAttachConfiguration attachConfiguration() {
        return configuration;
    }

    /** For example {@code ComputeYaml[testarc: <the configuration>]}. */
    @Override
    public String toString() {
        return "ComputeYaml[" + name + ": " + configuration + "]";
    }
}
