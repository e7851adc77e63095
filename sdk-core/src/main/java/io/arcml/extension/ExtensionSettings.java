package io.arcml.extension;

import io.arcml.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The keys the Azure ML extension knows (the how-to's settings, their older names, and those the
 * portal and ARM templates send), in one place: which are on/off switches, how a switch is read
 * (as Azure's CLI reads it: {@code True}/{@code true}/{@code False}/{@code false}), which keys
 * carry secrets, and which known key a near-miss was meant to be.
 */
final class ExtensionSettings {
    /** On/off settings; sent as {@code "True"}/{@code "False"}. */
    static final Set<String> SWITCHES = Set.of(
            "enableTraining",
            "enableInference",
            "allowInsecureConnections",
            "inferenceRouterHA",
            "inferenceLoadBalancerHA",
            "installNvidiaDevicePlugin",
            "installPromOp",
            "reuseExistingPromOp",
            "installVolcano",
            "volcanoScheduler.enable",
            "installDcgmExporter",
            "logAnalyticsWS",
            "installBlobfuseSysctl",
            "installBlobfuseFlexvol",
            "blobfuseSysctlInstall.enabled",
            "blobCsiDriverEnabled",
            "openshift",
            "privateEndpointNodeport",
            "privateEndpointILB",
            "enableIdentityInUserContainer",
            "servicebus.enabled",
            "relayserver.enabled",
            "nginxIngress.enabled");
    /** Known settings that take a text value. */
    private static final Set<String> TEXT = Set.of(
            "inferenceRouterServiceType",
            "internalLoadBalancerProvider",
            "sslSecret",
            "sslCname",
            "volumePluginDir",
            "clusterPurpose",
            "cluster_name",
            "clusterId",
            "cluster_name_friendly",
            "domain",
            "location",
            "jobSchedulerLocation",
            "scoringFe.serviceType.nodePort",
            "scoringFe.serviceType.internalLoadBalancer",
            "scoringFe.sslSecret",
            "volcanoScheduler.schedulerConfigMap",
            "prometheus.prometheusSpec.externalLabels.cluster_name");
    /** Settings that carry secrets: they must go through {@link AzureMLExtensionConfiguration.Builder#protectedSetting}. */
    private static final Set<String> SECRET_KEYS = Set.of(
            "relayconnectionstring",
            "servicebusconnectionstring",
            "scoringfe.sslcert",
            "scoringfe.sslkey",
            "sslcertpemfile",
            "sslkeypemfile");
    /** Words that mark any other key as a secret's, whatever its prefix ({@code storage.accountKey}, {@code proxy.password}). */
    private static final Pattern SECRET_WORD = Pattern.compile(
            "(?i).*(password|passwd|secretkey|clientsecret|accountkey|accesskey|sharedaccesskey|connectionstring|token|privatekey|apikey).*");
    /** The prefix of the per-label settings, {@code nodeSelector.<key>}. */
    static final String NODE_SELECTOR = "nodeSelector.";

    private static final int MAX_NEAR_MISS_EDITS = 2;
    private static final List<String> KNOWN_SORTED =
            Stream.concat(SWITCHES.stream(), TEXT.stream()).sorted().toList();

    private ExtensionSettings() {}

    /** True when the key is known to carry a secret, or reads like one. */
    static boolean isSecret(String key) {
        return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))
                || (!TEXT.contains(key) && SECRET_WORD.matcher(key).matches());
    }

    /** True for a key the extension knows, including {@code nodeSelector.<key>}. */
    static boolean isKnown(String key) {
        return SWITCHES.contains(key) || TEXT.contains(key) || key.startsWith(NODE_SELECTOR);
    }

    /**
     * Reads an on/off value as Azure's CLI does.
     *
     * @throws ValidationException for anything else ({@code yes}, {@code 1}, {@code maybe})
     */
    static boolean parseSwitch(String key, String value) {
        if ("true".equals(value) || "True".equals(value)) {
            return true;
        }
        if ("false".equals(value) || "False".equals(value)) {
            return false;
        }
        throw new ValidationException(
                key, value, "is not an on/off value", "Use true or false (True and False are read too)");
    }

    /** The known key this unknown one was most likely meant to be: same letters in another case, or at most two edits away. */
    static Optional<String> nearMiss(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith(NODE_SELECTOR.toLowerCase(Locale.ROOT)) && !key.startsWith(NODE_SELECTOR)) {
            return Optional.of(NODE_SELECTOR + key.substring(NODE_SELECTOR.length()));
        }
        String best = null;
        int bestEdits = MAX_NEAR_MISS_EDITS + 1;
        for (String candidate : KNOWN_SORTED) {
            int edits = candidate.equalsIgnoreCase(key) ? 0 : editDistance(candidate.toLowerCase(Locale.ROOT), lower);
            if (edits < bestEdits) {
                best = candidate;
                bestEdits = edits;
            }
        }
        // Short keys are a couple of edits from anything: only a case slip counts for them.
        boolean tooShort = key.length() <= 2 * MAX_NEAR_MISS_EDITS && bestEdits > 0;
        return best == null || tooShort ? Optional.empty() : Optional.of(best);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
