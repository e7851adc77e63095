package io.arcml.resource;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.AssetReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command job as a control plane receives it: what the job capabilities of the transport SPI
 * submit. The user API's {@code io.arcml.job.CommandJob} has validated it and converts with
 * {@code toSpec()}; this record is also the one writer of the job's Azure ML REST body
 * ({@link #serialize()}).
 *
 * @param name the job's name
 * @param experimentName the experiment it is filed under
 * @param image the container image, or {@code null} when the environment is a registered one
 * @param command the shell command as written, with its {@code ${{inputs.<name>}}} references
 * @param instanceType the instance type it runs on, or {@code null} for the compute's default
 * @param instanceCount how many instances
 * @param distribution how it spreads over the instances, or {@code null}
 * @param environmentVariables the variables it sets (values may hold tokens: never printed)
 * @param nfsMounts the NFS exports mounted into every instance
 * @param timeout the longest it may run, or {@code null}
 * @param environmentId a registered environment, or {@code null}
 * @param condaFile a conda file Azure ML builds into the image, or {@code null}
 * @param codeId a registered code asset, or {@code null}
 * @param localCode a code folder on this machine to upload, or {@code null}
 * @param dockerBuild a Docker context Azure ML builds the image from, or {@code null}
 * @param identity the identity it runs as on Azure ML, or {@code null}
 * @param inputs the literal inputs, by name
 * @param dataInputs the data and model inputs, by name
 * @param outputs the outputs, by name, each with its type in Azure ML's words ({@code uri_folder}, {@code mlflow_model}, ...)
 * @param labels what Azure ML studio shows beside the name
 */
public record CommandSpec(
        String name,
        String experimentName,
        String image,
        String command,
        String instanceType,
        int instanceCount,
        DistributionSpec distribution,
        Map<String, String> environmentVariables,
        List<NfsMountSpec> nfsMounts,
        Duration timeout,
        String environmentId,
        String condaFile,
        String codeId,
        Path localCode,
        DockerBuildSpec dockerBuild,
        IdentitySpec identity,
        Map<String, String> inputs,
        Map<String, InputSpec> dataInputs,
        Map<String, String> outputs,
        LabelsSpec labels) {
    private static final Pattern INPUT_REF = Pattern.compile("\\$\\{\\{\\s*inputs\\.([A-Za-z0-9_]+)\\s*}}");
    private static final Pattern OUTPUT_REF = Pattern.compile("\\$\\{\\{\\s*outputs\\.([A-Za-z0-9_]+)\\s*}}");

    /** Canonical constructor: name and command are required; the collections are copied in their order. */
    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        experimentName = experimentName == null ? name : experimentName;
        environmentVariables = ordered(environmentVariables);
        nfsMounts = nfsMounts == null ? List.of() : List.copyOf(nfsMounts);
        inputs = ordered(inputs);
        dataInputs = ordered(dataInputs);
        outputs = ordered(outputs);
        labels = labels == null ? LabelsSpec.NONE : labels;
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A copy under another name that runs another command, such as a template of a sweep's trials. */
    public CommandSpec withNameAndCommand(String newName, String newCommand) {
        return new CommandSpec(
                newName,
                experimentName,
                image,
                newCommand,
                instanceType,
                instanceCount,
                distribution,
                environmentVariables,
                nfsMounts,
                timeout,
                environmentId,
                condaFile,
                codeId,
                localCode,
                dockerBuild,
                identity,
                inputs,
                dataInputs,
                outputs,
                labels);
    }

    /**
     * The command with every declared {@code ${{inputs.<name>}}} replaced by its literal value, as a
     * cluster runs it; references to undeclared inputs are left as they are.
     */
    public String commandWithInputs() {
        Matcher m = INPUT_REF.matcher(command);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = inputs.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The first {@code ${{inputs.<name>}}} or {@code ${{outputs.<name>}}} the command does not declare, or {@code null}. */
    public String undeclaredReference() {
        for (Pattern p : List.of(INPUT_REF, OUTPUT_REF)) {
            Matcher m = p.matcher(command);
            while (m.find()) {
                boolean declared = p == INPUT_REF
                        ? inputs.containsKey(m.group(1)) || dataInputs.containsKey(m.group(1))
                        : outputs.containsKey(m.group(1));
                if (!declared) {
                    return m.group();
                }
            }
        }
        return null;
    }

    /**
     * Refuses the command when it has data inputs, on a transport that cannot deliver them: only Azure
     * ML resolves assets, datastore paths and remote URIs to files in the containers.
     *
     * @param field where the inputs are, as the message names them: {@code inputs}, {@code jobs.train.inputs}
     * @param transport the transport as the message names it, e.g. {@code the direct cluster transport}
     * @throws ValidationException naming the first data input, its location and what to do instead
     */
    public void requireNoDataInputs(String field, String transport) {
        Arguments.nonNull(field, "field");
        Arguments.nonNull(transport, "transport");
        dataInputs.entrySet().stream().findFirst().ifPresent(e -> {
            throw new ValidationException(
                    field + "." + e.getKey(),
                    AssetReference.shown(e.getValue().path()),
                    (e.getValue().localPath() != null
                                    ? "is a local " + e.getValue().type()
                                            + " input, which only the ARM transport uploads (to the workspace's datastore): "
                                    : "is a " + e.getValue().type() + " input, which only Azure ML delivers: ")
                            + transport + " has no data plane",
                    "Submit the job to a workspace on Azure (the ARM control plane), or on a cluster read the data from an NFS mount"
                            + " (nfsMount(..)) or from the image and pass its path as a literal input");
        });
    }

    /**
     * Refuses the command when its code is a local folder, on a transport that cannot ship it: only
     * the ARM transport uploads code (to the workspace's storage, as Azure ML's code asset).
     *
     * @param field where the code is, as the message names it: {@code code}, {@code trial.code}, {@code jobs.train.code}
     * @param transport the transport as the message names it, e.g. {@code the direct cluster transport}
     * @throws ValidationException naming the field, the folder and what to do instead
     */
    public void requireNoLocalCode(String field, String transport) {
        Arguments.nonNull(field, "field");
        Arguments.nonNull(transport, "transport");
        if (localCode != null) {
            throw new ValidationException(
                    field,
                    localCode.toString(),
                    "is a local code folder, which only the ARM transport uploads: " + transport
                            + " has no place to put it",
                    "Build the code into the image (image(..)), or put it on an NFS export mounted with nfsMount(..) and cd there in"
                            + " the command, or submit the job to a workspace on Azure");
        }
    }

    /**
     * Refuses what only Azure ML does for a command, on a transport where arcml runs it itself: an
     * identity, a Docker context and a conda file to build into the image.
     *
     * @param at where the command is, as the messages name it: {@code ""} for a job, {@code trial.}, {@code jobs.train.}
     * @param transport the transport as the message names it, e.g. {@code the direct cluster transport}
     * @throws ValidationException naming the first of them, its value and what to do instead
     */
    public void requireRunnableWithoutAzure(String at, String transport) {
        Arguments.nonNull(at, "at");
        Arguments.nonNull(transport, "transport");
        IdentitySpec.requireNone(identity, at + "identity", transport);
        if (dockerBuild != null) {
            throw new ValidationException(
                    at + "environment.build",
                    dockerBuild.toString(),
                    "is a Docker context Azure ML builds the image from; " + transport + " runs images as they are",
                    "Build and push the image, then give it as image(..), or submit the job to a workspace on Azure (the ARM control plane)");
        }
        if (condaFile != null) {
            throw new ValidationException(
                    at + "environment.conda_file",
                    condaFile.lines().count() + " lines", // not the text: an index URL in it may carry a token
                    "is built into the image by Azure ML; " + transport + " runs the image as it is",
                    "Build an image with those packages and give it as image, or submit the job to a workspace on Azure (the ARM control plane)");
        }
    }

    /**
     * The job's {@code properties} in Azure ML's REST shape ({@code jobType: Command}): command,
     * resources (instance count and type), distribution, environment variables, limits, inputs
     * (data inputs with their references as given) and outputs, written by {@link CommandJobJson}.
     * The image travels as an inline environment the ARM transport registers.
     */
    public Map<String, Object> serialize() {
        return JobJson.map(CommandJobJson.of(this, JobAssets.NONE));
    }

    /** One readable line; environment values are left out, as they may hold tokens. */
    @Override
    public String toString() {
        return "CommandSpec{" + describe() + "}";
    }

    /**
     * The fields of {@link #toString()}, for the user's job to print alike: name, image, command,
     * instance type and count, then what is set; environment values are left out, as they may hold
     * tokens.
     */
    public String describe() {
        return "name=" + name + ", image=" + image + ", command=" + command
                + ", instanceType=" + (instanceType == null ? "<compute default>" : instanceType)
                + ", instanceCount=" + instanceCount + (distribution == null ? "" : ", distribution=" + distribution)
                + (environmentVariables.isEmpty() ? "" : ", environmentVariables=" + environmentVariables.keySet())
                + (nfsMounts.isEmpty() ? "" : ", nfsMounts=" + nfsMounts)
                + (localCode == null ? "" : ", code=" + localCode)
                + (dockerBuild == null ? "" : ", build=" + dockerBuild)
                + (dataInputs.isEmpty() ? "" : ", dataInputs=" + dataInputs)
                + (identity == null ? "" : ", identity=" + identity)
                + (timeout == null ? "" : ", timeout=" + timeout);
    }
}
