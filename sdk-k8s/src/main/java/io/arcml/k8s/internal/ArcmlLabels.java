package io.arcml.k8s.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** The labels and annotations that tie every object arcml creates to its compute, job and run. */
public final class ArcmlLabels {
    /** {@code app.kubernetes.io/managed-by: arcml} on everything arcml creates. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The value of {@link #MANAGED_BY}. */
    public static final String ARCML = "arcml";
    /** What a record is: {@code compute}. */
    public static final String RECORD = "arcml.io/record";
    /** The compute's name. */
    public static final String COMPUTE = "arcml.io/compute";
    /** The job's name (shortened to a label value). */
    public static final String JOB = "arcml.io/job";
    /** The run's id. */
    public static final String RUN = "arcml.io/run-id";
    /** The role of a pod in a distributed run: {@code worker}, {@code ps}, {@code master}. */
    public static final String ROLE = "arcml.io/role";
    /** The job's full name. */
    public static final String JOB_NAME_ANNOTATION = "arcml.io/job-name";
    /** The engine that runs it. */
    public static final String ENGINE_ANNOTATION = "arcml.io/engine";
    /** How many instances must succeed for the run to complete. */
    public static final String INSTANCES_ANNOTATION = "arcml.io/instances";
    /**
     * A token drawn for each submission, on every object it creates: a create the API server
     * answers with a conflict is recognised as this submission's own when an earlier attempt of
     * it landed (a retried request whose first response was lost).
     */
    public static final String SUBMISSION_ANNOTATION = "arcml.io/submission";
    /** The instance type a pod was sized from. */
    public static final String INSTANCE_TYPE_ANNOTATION = "arcml.io/instance-type";

    // Compiled once: a sweep's fan-out names every trial with these (String.replaceAll compiles per call).
    private static final Pattern NOT_LABEL_CHARACTER = Pattern.compile("[^A-Za-z0-9_.-]");
    private static final Pattern LEADING_NON_ALPHANUMERIC = Pattern.compile("^[^A-Za-z0-9]+");
    private static final Pattern TRAILING_NON_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]+$");
    private static final Pattern NOT_DNS_CHARACTER = Pattern.compile("[^a-z0-9-]");
    private static final Pattern DASHES = Pattern.compile("-+");
    private static final Pattern LEADING_DASHES = Pattern.compile("^-+");
    private static final Pattern TRAILING_DASHES = Pattern.compile("-+$");

    private ArcmlLabels() {}

    /** A label value: at most 63 of {@code [A-Za-z0-9_.-]}, starting and ending alphanumeric. */
    public static String labelValue(String text) {
        String v = NOT_LABEL_CHARACTER.matcher(text).replaceAll("-");
        if (v.length() > 63) {
            v = v.substring(0, 63);
        }
        return TRAILING_NON_ALPHANUMERIC
                .matcher(LEADING_NON_ALPHANUMERIC.matcher(v).replaceAll(""))
                .replaceAll("");
    }

    /** A DNS-1123 label built from free text: lowercase, '-' for anything else, at most {@code max} characters. */
    public static String dnsLabel(String text, int max) {
        String v = DASHES.matcher(
                        NOT_DNS_CHARACTER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-"))
                .replaceAll("-");
        if (v.length() > max) {
            v = v.substring(0, max);
        }
        v = LEADING_DASHES.matcher(v).replaceAll("");
        if (v.isEmpty() || !Character.isLetter(v.charAt(0))) {
            // Service names must start with a letter.
            v = ("x" + v).substring(0, Math.min(max, v.length() + 1));
        }
        return TRAILING_DASHES.matcher(v).replaceAll("");
    }
}
