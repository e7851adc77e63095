package io.arcml.internal;

import io.arcml.ValidationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a job's code, environment or data input comes from, as users write it in Java or in CLI v2
 * YAML: an Azure ML asset ({@code azureml:<name>:<version>}, {@code azureml:<name>@latest}, a
 * registry URI or a workspace resource ID), a datastore path, another job's output, a remote URI,
 * an MLflow run, or a local path. The one reading of these forms, used by the job builder, the YAML
 * loader and the ARM transport.
 *
 * @param form which of the forms it is
 * @param text the reference as written
 * @param kind the asset collection a registry URI or resource ID names ({@code environments},
 *     {@code codes}, {@code data}, {@code models}), else {@code null}
 * @param name the asset's name of {@code azureml:<name>:<version>} and {@code azureml:<name>@latest}, else {@code null}
 * @param version the version of {@code azureml:<name>:<version>}, else {@code null}
 */
public record AssetReference(Form form, String text, String kind, String name, String version) {
    /** The forms of a reference. */
    public enum Form {
        /** {@code azureml:<name>:<version>}. */
        NAME_VERSION,
        /** {@code azureml:<name>@latest}. */
        NAME_LATEST,
        /** {@code azureml://registries/<registry>/<kind>/<name>/versions|labels/<x>}. */
        REGISTRY,
        /** {@code /subscriptions/.../workspaces/<workspace>/<kind>/<name>/versions/<version>}. */
        RESOURCE_ID,
        /** {@code azureml://datastores/<datastore>/paths/<path>} (or its long form with the workspace). */
        DATASTORE,
        /** {@code azureml://jobs/<job>/outputs/<output>[/paths/<path>]}. */
        JOB_OUTPUT,
        /** {@code https://}, {@code wasbs://}, {@code abfss://} or {@code adl://} (and their plain variants). */
        REMOTE_URI,
        /** {@code runs:/<run-id>/<path>}, an MLflow run's artifact. */
        MLFLOW_RUN,
        /** A URI of a scheme Azure ML does not read ({@code s3://}, {@code gs://}, ...) or an {@code azureml:} text of no known form. */
        UNSUPPORTED,
        /** A path on this machine ({@code ./data}, {@code src}, {@code /home/me/data}). */
        LOCAL_PATH
    }

    /** The URI schemes of remote data Azure ML reads directly. */
    public static final Set<String> REMOTE_SCHEMES = Set.of("https", "http", "wasbs", "wasb", "abfss", "abfs", "adl");

    private static final String SEGMENT = "[^/?#]+";
    private static final Pattern NAMED =
            Pattern.compile("azureml:([A-Za-z0-9][A-Za-z0-9_.-]*)(?::([A-Za-z0-9_.-]+)|@latest)");
    private static final Pattern REGISTRY_URI = Pattern.compile(
            "azureml://registries/" + SEGMENT + "/(" + SEGMENT + ")/" + SEGMENT + "/(versions|labels)/" + SEGMENT,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RESOURCE = Pattern.compile(
            "/subscriptions/" + SEGMENT + "/resourceGroups/" + SEGMENT
                    + "/providers/Microsoft\\.MachineLearningServices/workspaces/" + SEGMENT + "/(" + SEGMENT + ")/"
                    + SEGMENT + "/versions/" + SEGMENT,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATASTORE_URI = Pattern.compile(
            "azureml://(subscriptions/" + SEGMENT + "/resourcegroups/" + SEGMENT + "/workspaces/" + SEGMENT
                    + "/)?datastores/" + SEGMENT + "/paths/.+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern JOB_OUTPUT_URI = Pattern.compile(
            "azureml://jobs/" + SEGMENT + "/outputs/" + SEGMENT + "(/paths/.*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RUN_URI = Pattern.compile("runs:/" + SEGMENT + "/.+");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*");
    /** A Windows drive letter ({@code C:\data}) is a local path, not a scheme. */
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:[\\\\/].*");

    /** Reads a reference; any text has a form, {@link Form#LOCAL_PATH} when it names no scheme. */
    public static AssetReference parse(String text) {
        Arguments.nonNull(text, "text");
        Matcher m = NAMED.matcher(text);
        if (m.matches()) {
            return m.group(2) == null
                    ? new AssetReference(Form.NAME_LATEST, text, null, m.group(1), null)
                    : new AssetReference(Form.NAME_VERSION, text, null, m.group(1), m.group(2));
        }
        if ((m = REGISTRY_URI.matcher(text)).matches()) {
            return new AssetReference(Form.REGISTRY, text, m.group(1).toLowerCase(Locale.ROOT), null, null);
        }
        if ((m = RESOURCE.matcher(text)).matches()) {
            return new AssetReference(Form.RESOURCE_ID, text, m.group(1).toLowerCase(Locale.ROOT), null, null);
        }
        if (DATASTORE_URI.matcher(text).matches()) {
            return of(Form.DATASTORE, text);
        }
        if (JOB_OUTPUT_URI.matcher(text).matches()) {
            return of(Form.JOB_OUTPUT, text);
        }
        if (RUN_URI.matcher(text).matches()) {
            return of(Form.MLFLOW_RUN, text);
        }
        if (text.regionMatches(true, 0, "/subscriptions/", 0, "/subscriptions/".length())) {
            return of(Form.UNSUPPORTED, text); // a resource ID of no asset version, not a local folder
        }
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.matches() || DRIVE.matcher(text).matches() || "file".equalsIgnoreCase(scheme.group(1))) {
            return of(Form.LOCAL_PATH, text);
        }
        boolean remote = REMOTE_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT))
                && text.startsWith("://", scheme.group(1).length());
        return of(remote ? Form.REMOTE_URI : Form.UNSUPPORTED, text);
    }

    private static AssetReference of(Form form, String text) {
        return new AssetReference(form, text, null, null, null);
    }

    /** Whether it names an asset version: by name, by registry URI or by resource ID. */
    public boolean isAsset() {
        return form == Form.NAME_VERSION
                || form == Form.NAME_LATEST
                || form == Form.REGISTRY
                || form == Form.RESOURCE_ID;
    }

    /**
     * Whether it names an asset of the collection {@code kind} ({@code environments}, {@code codes},
     * {@code data}, {@code models}): a registry URI or resource ID of that collection, or a name,
     * which takes its collection from where it is used.
     */
    public boolean isAssetOf(String kind) {
        return form == Form.NAME_VERSION || form == Form.NAME_LATEST || (isAsset() && kind.equalsIgnoreCase(this.kind));
    }

    /**
     * Refuses anything but an asset of {@code kind}, with the forms that are taken.
     *
     * @param field the field to name, e.g. {@code environmentId}
     * @param id the reference, or {@code null} (then nothing is checked)
     * @param kind the collection, plural as in the REST paths: {@code environments}, {@code codes}
     * @throws ValidationException naming the field, the value and the forms to use
     */
    public static void requireAsset(String field, String id, String kind) {
        if (id != null && !parse(id).isAssetOf(kind)) {
            throw new ValidationException(
                    field,
                    id,
                    "is not an Azure ML " + singular(kind) + " reference",
                    "Use azureml:<name>:<version>, azureml:<name>@latest, azureml://registries/<registry>/" + kind
                            + "/<name>/versions/<version>"
                            + " or /subscriptions/<sub>/resourceGroups/<group>/providers/Microsoft.MachineLearningServices"
                            + "/workspaces/<workspace>/" + kind + "/<name>/versions/<version>");
        }
    }

    /** {@code environments} as {@code environment}; {@code data} stays. */
    public static String singular(String kind) {
        return kind.endsWith("s") ? kind.substring(0, kind.length() - 1) : kind;
    }

    /**
     * Whether a URI may carry a secret: a query (a storage SAS token is one) or a user name and
     * password ({@code https://user:password@host}); {@code wasbs://container@account} is not one.
     */
    public static boolean carriesSecret(String text) {
        Arguments.nonNull(text, "text");
        return text.indexOf('?') >= 0 || userInfo(text) != null;
    }

    /** The reference as messages and {@code toString()} show it: a query and a password hidden ({@code ***}). */
    public static String shown(String text) {
        Arguments.nonNull(text, "text");
        int q = text.indexOf('?');
        String shown = q < 0 ? text : text.substring(0, q) + "?***";
        return userInfo(shown) == null ? shown : UrlCredentials.mask(shown);
    }

    /** The user part of a URI's authority that is a credential: with a password, or any user of an http(s) URI. */
    private static String userInfo(String text) {
        int scheme = text.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        String authority = text.substring(scheme + 3).split("[/?#]", 2)[0];
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String user = authority.substring(0, at);
        return user.contains(":") || text.regionMatches(true, 0, "http", 0, 4) ? user : null;
    }

    @Override
    public String toString() {
        return form + " " + shown(text);
    }
}
