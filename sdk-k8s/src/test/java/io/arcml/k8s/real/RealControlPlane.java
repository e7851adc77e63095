package io.arcml.k8s.real;

import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Kubernetes control plane that {@code .ci/kube-control-plane.sh start} runs on loopback
 * (kube-apiserver, kube-controller-manager, kube-scheduler, etcd and kwok's fake nodes), found
 * through the variables the script prints. Where they are not set the tier is skipped with one
 * line saying how to enable it; with {@code ARCML_KUBE_REQUIRED=true} (as CI sets) a missing
 * plane fails the tier instead.
 */
final class RealControlPlane {
    static final String ADMIN_KUBECONFIG = "ARCML_KUBE_ADMIN_KUBECONFIG";
    static final String LIMITED_KUBECONFIG = "ARCML_KUBE_LIMITED_KUBECONFIG";
    static final String LIMITED_USER = "ARCML_KUBE_LIMITED_USER";
    static final String CONTROL_SCRIPT = "ARCML_KUBE_CONTROL_SCRIPT";
    static final String REQUIRED = "ARCML_KUBE_REQUIRED";
    private static final String HOW_TO_ENABLE =
            "Real control plane tier skipped: run `bash .ci/kube-control-plane.sh start`, "
                    + "then `eval \"$(bash .ci/kube-control-plane.sh env)\"` in the shell that runs mvn (or set "
                    + REQUIRED
                    + "=true to make a missing plane a failure).";

    private static RealControlPlane instance;
    private static boolean skipAnnounced;

    private final Path adminKubeconfig;
    private final Path limitedKubeconfig;
    private final String limitedUser;
    private final Path controlScript;
    private final KubernetesClient admin;

    private RealControlPlane(Path adminKubeconfig, Path limitedKubeconfig, String limitedUser, Path controlScript) {
        this.adminKubeconfig = adminKubeconfig;
        this.limitedKubeconfig = limitedKubeconfig;
        this.limitedUser = limitedUser;
        this.controlScript = controlScript;
        this.admin = client(adminKubeconfig);
        RealFleet.ensure(admin);
    }

    /**
     * The plane, found once per test JVM; skips the calling test when no plane is configured (the
     * way to enable it announced once on standard error), or fails it when one is required.
     */
    static synchronized RealControlPlane require() {
        if (instance != null) {
            return instance;
        }
        Optional<Path> admin = file(ADMIN_KUBECONFIG);
        if (admin.isEmpty()) {
            if (Boolean.parseBoolean(System.getenv().getOrDefault(REQUIRED, "false"))) {
                fail(REQUIRED + "=true but " + ADMIN_KUBECONFIG + " names no kubeconfig file: start the plane first "
                        + "(bash .ci/kube-control-plane.sh start) and export what its env command prints");
            }
            if (!skipAnnounced) {
                skipAnnounced = true;
                System.err.println(HOW_TO_ENABLE);
            }
            Assumptions.abort(HOW_TO_ENABLE);
        }
        instance = new RealControlPlane(
                admin.get(),
                file(LIMITED_KUBECONFIG).orElseThrow(() -> missing(LIMITED_KUBECONFIG)),
                Optional.ofNullable(System.getenv(LIMITED_USER)).orElseThrow(() -> missing(LIMITED_USER)),
                file(CONTROL_SCRIPT).orElseThrow(() -> missing(CONTROL_SCRIPT)));
        return instance;
    }

    private static IllegalStateException missing(String variable) {
        return new IllegalStateException(variable + " is not set or names no file: export everything that "
                + "`bash .ci/kube-control-plane.sh env` prints");
    }

    private static Optional<Path> file(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() || !Files.isRegularFile(Path.of(value))
                ? Optional.empty()
                : Optional.of(Path.of(value));
    }

    /** A new client with the cluster-admin identity (a client certificate in {@code system:masters}). */
    KubernetesClient newAdminClient() {
        return client(adminKubeconfig);
    }

    /** The admin client the fixtures share; tests must not close it. */
    KubernetesClient admin() {
        return admin;
    }

    /** A new client with the identity that holds no rights beyond the RoleBindings a test grants {@link #limitedUser()}. */
    KubernetesClient newLimitedClient() {
        return client(limitedKubeconfig);
    }

    /** The user name of the limited identity, for RoleBinding subjects. */
    String limitedUser() {
        return limitedUser;
    }

    /** Stops kube-apiserver, compacts etcd's history (so watches resumed from before get 410 Gone), and starts it again. */
    void restartApiServer() {
        run(List.of("bash", controlScript.toString(), "restart-apiserver"));
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static KubernetesClient client(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            return new KubernetesClientBuilder()
                    .withConfig(config)
                    .withHttpClientFactory(new JdkHttpClientFactory())
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the kubeconfig " + kubeconfig, e);
        }
    }
}
