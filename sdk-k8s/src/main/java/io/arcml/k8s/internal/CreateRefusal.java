package io.arcml.k8s.internal;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why the API server refused to create an object, in the cluster's terms (verb, resource,
 * namespace, name), and the fix: one wording for every object arcml creates for a run or a sweep.
 */
final class CreateRefusal {
    /** How kube-apiserver begins the message of a request an admission webhook denied. */
    private static final String ADMISSION_WEBHOOK = "admission webhook ";

    private CreateRefusal() {}

    /**
     * @param resource the resource as RBAC names it: {@code jobs.batch}, {@code experiments.kubeflow.org}
     * @param conflictFix what to do when an object of that name already exists (409)
     */
    static String describe(
            KubernetesClientException e, String resource, String name, String namespace, String conflictFix) {
        String admission = admissionDenial(e);
        if (e.getCode() == 403 && admission != null) {
            return "create " + resource + " '" + name + "' in namespace " + namespace
                    + " was refused by the cluster's admission control ("
                    + admission
                    + "). This is a rule of the cluster, not a missing permission: change the job so that it meets the rule,"
                    + " or ask the cluster's administrator about the webhook.";
        }
        return switch (e.getCode()) {
            case 403 ->
                "create " + resource + " in namespace " + namespace + " is forbidden for this identity."
                        + " Grant it, e.g. kubectl create role arcml-runs -n " + namespace
                        + " --verb=create,get,list,watch,delete"
                        + " --resource=" + resource + ",pods,services,configmaps, and bind the role to the identity.";
            case 409 ->
                "create " + resource + " '" + name + "' in namespace " + namespace
                        + " conflicts with an existing object of that name" + " that this submission did not make. "
                        + conflictFix;
            case 422 ->
                "create " + resource + " '" + name + "' in namespace " + namespace + " is invalid: " + invalidFields(e)
                        + ". Change the job setting that produced "
                        + (invalidFields(e).contains(";") ? "these fields" : "this field")
                        + " (instance count, instance type, environment variables, mounts) to a value the API server accepts.";
            default ->
                "create " + resource + " '" + name + "' in namespace " + namespace + " failed (HTTP " + e.getCode()
                        + ").";
        };
    }

    /**
     * What an admission webhook said when it denied the request ({@code admission webhook "name"
     * denied the request: ...}); null for any other refusal. The API server answers such a denial
     * 403 Forbidden, as it answers RBAC's, but granting a role would not help.
     */
    private static String admissionDenial(KubernetesClientException e) {
        Status status = e.getStatus();
        String message = status == null ? null : status.getMessage();
        return message != null && message.startsWith(ADMISSION_WEBHOOK) ? message : null;
    }

    /** The fields an API server's 422 names, each with its complaint: {@code spec.parallelism: Invalid value: ...}. */
    private static String invalidFields(KubernetesClientException e) {
        Status status = e.getStatus();
        List<StatusCause> causes = status == null
                        || status.getDetails() == null
                        || status.getDetails().getCauses() == null
                ? List.of()
                : status.getDetails().getCauses();
        return causes.isEmpty()
                ? String.valueOf(status == null ? e.getMessage() : status.getMessage())
                : causes.stream().map(c -> c.getField() + ": " + c.getMessage()).collect(Collectors.joining("; "));
    }
}
