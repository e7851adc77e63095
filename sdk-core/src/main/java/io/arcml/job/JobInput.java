package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.AssetReference;
import io.arcml.resource.InputSpec;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A data or model input of a job that Azure ML delivers to its containers: a registered asset
 * ({@code azureml:cifar-10:3}, {@code azureml:cifar-10@latest}), a datastore path
 * ({@code azureml://datastores/workspaceblobstore/paths/cifar}), another job's output or a remote
 * URI ({@code https://}, {@code wasbs://}, {@code abfss://}, {@code adl://}). The command refers to
 * it as {@code ${{inputs.<name>}}}, which Azure ML replaces with where the data is:
 *
 * <pre>{@code
 * CommandJob job = CommandJob.builder()
 *     .image("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04")
 *     .command("python train.py --data ${{inputs.training_data}}")
 *     .input("training_data", JobInput.uriFolder("azureml://datastores/workspaceblobstore/paths/cifar").mode(InputMode.RO_MOUNT))
 *     .build();
 * }</pre>
 *
 * A local file or folder ({@link #uriFile(Path)}, {@link #uriFolder(Path)}) is uploaded on submit to
 * the workspace's {@code workspaceblobstore} datastore, as the Azure ML CLI does, and sent as its datastore path.
 *
 * <p>Only Azure ML resolves these: a job with data inputs runs on a workspace on Azure, and is
 * refused by the embedded control plane and the direct cluster transport (read the data from an NFS
 * mount there). Immutable; {@link #mode(InputMode)} returns a copy.
 */
public final class JobInput {
    /** The kinds of input, with the word both Azure ML's YAML and REST API use. */
    public enum Type {
        /** One file. */
        URI_FILE("uri_file", "data"),
        /** A folder. */
        URI_FOLDER("uri_folder", "data"),
        /** A table described by an {@code MLTable} file. */
        MLTABLE("mltable", "data"),
        /** A model in a format of its own. */
        CUSTOM_MODEL("custom_model", "models"),
        /** An MLflow model. */
        MLFLOW_MODEL("mlflow_model", "models"),
        /** A Triton model repository. */
        TRITON_MODEL("triton_model", "models");

        private final String wireName;
        private final String assets;

        Type(String wireName, String assets) {
            this.wireName = wireName;
            this.assets = assets;
        }

        /** The word of Azure ML's YAML {@code type} and REST {@code jobInputType}, e.g. {@code uri_folder}. */
        public String wireName() {
            return wireName;
        }

        /** The workspace's asset collection this kind of input names: {@code data} or {@code models}. */
        public String assetKind() {
            return assets;
        }

        /** The type a YAML or REST word names, or {@code null} when none does. */
        public static Type of(String word) {
            Arguments.nonNull(word, "word");
            for (Type t : values()) {
                if (t.wireName.equalsIgnoreCase(word)) {
                    return t;
                }
            }
            return null;
        }

        /** The modes Azure ML takes for this kind of input. */
        Set<InputMode> modes() {
            return switch (this) {
                case URI_FILE, URI_FOLDER ->
                    EnumSet.of(InputMode.RO_MOUNT, InputMode.RW_MOUNT, InputMode.DOWNLOAD, InputMode.DIRECT);
                case MLTABLE ->
                    EnumSet.of(
                            InputMode.RO_MOUNT,
                            InputMode.DOWNLOAD,
                            InputMode.DIRECT,
                            InputMode.EVAL_MOUNT,
                            InputMode.EVAL_DOWNLOAD);
                default -> EnumSet.of(InputMode.RO_MOUNT, InputMode.DOWNLOAD, InputMode.DIRECT);
            };
        }

        @Override
        public String toString() {
            return wireName;
        }
    }

    private final Type type;
    private final String path;
    private final Path localPath;
    private final InputMode mode;

    private JobInput(Type type, String path, Path localPath, InputMode mode) {
        this.type = type;
        this.path = path;
        this.localPath = localPath;
        this.mode = mode;
    }

    /** An input of the given kind at {@code path} (an asset reference or URI), delivered as Azure ML's default (read-only mount). */
    public static JobInput of(Type type, String path) {
        return new JobInput(Arguments.nonNull(type, "type"), Arguments.nonNull(path, "path"), null, null);
    }

    /**
     * An input of the given kind read from a file or folder on this machine, which the ARM
     * transport uploads to the workspace's {@code workspaceblobstore} datastore on submit, as the Azure ML CLI does
     * for a job's local inputs of every kind (a model folder too, sent as a datastore path).
     */
    public static JobInput of(Type type, Path localPath) {
        Arguments.nonNull(localPath, "localPath");
        return new JobInput(Arguments.nonNull(type, "type"), localPath.toString(), localPath, null);
    }

    /**
     * A file on this machine, uploaded on submit to the workspace's {@code workspaceblobstore} datastore (under
     * {@code LocalUpload/<content hash>/}, reused while its content is unchanged):
     * {@code JobInput.uriFile(Path.of("data/iris.csv"))}. Azure only.
     */
    public static JobInput uriFile(Path localFile) {
        return of(Type.URI_FILE, Arguments.nonNull(localFile, "localFile"));
    }

    /**
     * A folder on this machine, uploaded on submit to the workspace's {@code workspaceblobstore} datastore (under
     * {@code LocalUpload/<content hash>/}, reused while its content is unchanged; files named by its
     * {@code .amlignore}, else {@code .gitignore}, are left out): {@code JobInput.uriFolder(Path.of("data"))}.
     * Azure only.
     */
    public static JobInput uriFolder(Path localFolder) {
        return of(Type.URI_FOLDER, Arguments.nonNull(localFolder, "localFolder"));
    }

    /** One file: {@code azureml:iris:1}, {@code https://.../iris.csv}, {@code wasbs://container@account.blob.core.windows.net/iris.csv}. */
    public static JobInput uriFile(String path) {
        return of(Type.URI_FILE, path);
    }

    /** A folder: {@code azureml:cifar-10@latest}, {@code azureml://datastores/workspaceblobstore/paths/cifar}. */
    public static JobInput uriFolder(String path) {
        return of(Type.URI_FOLDER, path);
    }

    /** A table: an {@code mltable} data asset or a folder holding an {@code MLTable} file. */
    public static JobInput mltable(String path) {
        return of(Type.MLTABLE, path);
    }

    /** A custom model: {@code azureml:my-model:2}. */
    public static JobInput customModel(String path) {
        return of(Type.CUSTOM_MODEL, path);
    }

    /** An MLflow model: {@code azureml:my-model:2} or an MLflow run's artifact {@code runs:/<run-id>/model}. */
    public static JobInput mlflowModel(String path) {
        return of(Type.MLFLOW_MODEL, path);
    }

    /** A Triton model repository: {@code azureml:my-triton-model:1}. */
    public static JobInput tritonModel(String path) {
        return of(Type.TRITON_MODEL, path);
    }

    /** A copy delivered in {@code mode}; which modes a kind takes is checked when the job is built. */
    public JobInput mode(InputMode mode) {
        return new JobInput(type, path, localPath, Arguments.nonNull(mode, "mode"));
    }

    /** The kind of input. */
    public Type type() {
        return type;
    }

    /** Where the data is: an asset reference, a URI or a local path, as given. */
    public String path() {
        return path;
    }

    /** The file or folder on this machine to upload, or {@code null} when the data is already where Azure ML reads it. */
    public Path localPath() {
        return localPath;
    }

    /** How Azure ML delivers it, or {@code null} for Azure ML's default (read-only mount). */
    public InputMode mode() {
        return mode;
    }

    /** The input as {@link #path()} reads: an asset reference, a datastore path, a job output, a remote URI, ... */
    public AssetReference reference() {
        return AssetReference.parse(path);
    }

    /**
     * Checks the input as a job's input {@code field}: a location Azure ML reads, of this kind, in a
     * mode this kind takes.
     *
     * @param field the input's field, e.g. {@code inputs.training_data}
     * @throws ValidationException naming the field, the value and the fix
     */
    public void check(String field) {
        Arguments.nonNull(field, "field");
        if (localPath == null) {
            checkLocation(field);
        }
        if (mode != null && !type.modes().contains(mode)) {
            throw new ValidationException(
                    field + ".mode",
                    mode.yamlName(),
                    "is not a mode of " + type + " inputs",
                    "Use one of "
                            + type.modes().stream().map(InputMode::yamlName).toList()
                            + ", or leave mode out for ro_mount");
        }
    }

    /** Checks a location text: one Azure ML reads, of this kind, with no credentials in it. */
    private void checkLocation(String field) {
        AssetReference ref = reference();
        String shown = AssetReference.shown(path);
        switch (ref.form()) {
            case LOCAL_PATH ->
                throw new ValidationException(
                        field,
                        shown,
                        "is a local path given as a location text, which Azure ML cannot read",
                        "Give it as a local path to upload on submit: JobInput."
                                + (type == Type.URI_FILE ? "uriFile" : "uriFolder") + "(Path.of(\"" + shown
                                + "\")) (Azure), or on a cluster mount the data with nfsMount(..) and pass its path as a literal input");
            case UNSUPPORTED ->
                throw new ValidationException(
                        field,
                        shown,
                        "is not a location Azure ML reads a data input from",
                        "Use azureml:<name>:<version>, azureml:<name>@latest, azureml://datastores/<datastore>/paths/<path>,"
                                + " azureml://jobs/<job>/outputs/<output>, or an https://, wasbs://, abfss:// or adl:// URI");
            case MLFLOW_RUN -> {
                if (type.assetKind().equals("data")) {
                    throw new ValidationException(
                            field,
                            shown,
                            "is an MLflow run's artifact, not data",
                            "Read it as a model input (JobInput.mlflowModel or customModel), or give the data's location");
                }
            }
            case REGISTRY, RESOURCE_ID -> {
                if (!ref.isAssetOf(type.assetKind())) {
                    throw new ValidationException(
                            field,
                            shown,
                            "names " + ref.kind() + ", not " + type.assetKind(),
                            "A " + type + " input names a " + AssetReference.singular(type.assetKind())
                                    + " asset: use .../" + type.assetKind()
                                    + "/<name>/versions/<version>, or azureml:<name>:<version>");
                }
            }
            default -> {
                // Asset names, datastore paths, job outputs and remote URIs are Azure ML's to resolve.
            }
        }
        if (AssetReference.carriesSecret(path)) {
            throw new ValidationException(
                    field,
                    shown,
                    "carries a query or credentials, which a job definition would store for anyone to read",
                    "Register the storage as a datastore with its credentials and use azureml://datastores/<datastore>/paths/<path>, or a public URI");
        }
    }

    /**
     * The input in Azure ML's REST shape ({@code AssetJobInput}): {@code jobInputType}, {@code uri}
     * and {@code mode} when one was chosen.
     *
     * @param uri the URI to send: {@link #path()}, or the asset's resource ID a transport resolved it to
     */
    public Map<String, Object> serialize(String uri) {
        return toSpec().serialize(uri);
    }

    /** The input as the transport SPI takes it. */
    public InputSpec toSpec() {
        return new InputSpec(type.wireName(), type.assetKind(), path, localPath, mode == null ? null : mode.restName());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobInput other
                && type == other.type
                && path.equals(other.path)
                && Objects.equals(localPath, other.localPath)
                && mode == other.mode;
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + path.hashCode()) * 31 + (mode == null ? 0 : mode.hashCode());
    }

    /** For example {@code uri_folder azureml:cifar-10@latest (download)} or {@code uri_folder local ./data}; a URI's query is hidden. */
    @Override
    public String toString() {
        return type
                + (localPath == null ? " " + AssetReference.shown(path) : " local " + path)
                + (mode == null ? "" : " (" + mode + ")");
    }
}
