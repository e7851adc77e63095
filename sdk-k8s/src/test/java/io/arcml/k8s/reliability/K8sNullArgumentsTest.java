package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.k8s.TrainingPodProxy;
import io.arcml.testsupport.ApiSamples;
import io.arcml.testsupport.NullArgumentWalker;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sdk-core's null-argument walk over sdk-k8s's public API: {@code KubernetesControlPlane} and its
 * builder and {@code TrainingPodProxy} (the simulated cluster's walk is in sdk-testing).
 */
class K8sNullArgumentsTest {
    private static final List<String> PACKAGES = List.of("io.arcml.k8s");

    /** Parameters where null is documented: it leaves a setting unset (its default) or means "none". */
    private static final Set<String> NULL_MEANS_DEFAULT_OR_NONE = Set.of(
            "KubernetesControlPlane$Builder#proxy.proxy",
            "KubernetesControlPlane#computePage.continuationToken",
            "KubernetesControlPlane#computePage.pageSize",
            "KubernetesControlPlane#extensionPage.continuationToken",
            "KubernetesControlPlane#extensionPage.pageSize",
            "KubernetesControlPlane$Builder#runtimeClassName.runtimeClassName",
            "TrainingPodProxy#<init>.httpProxy",
            "TrainingPodProxy#<init>.httpsProxy",
            "TrainingPodProxy#<init>.noProxy",
            "TrainingPodProxy#of.httpProxy",
            "TrainingPodProxy#of.httpsProxy",
            "ProxySettings#of.httpProxy",
            "ProxySettings#of.httpsProxy");

    private static KubernetesMockServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void startServer() {
        server = new KubernetesMockServer(false);
        server.init();
        client = server.createClient(new JdkHttpClientFactory());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.destroy();
    }

    private static boolean exempt(Class<?> type, Executable e, Parameter p) {
        return NULL_MEANS_DEFAULT_OR_NONE.contains(NullArgumentWalker.key(type, e, p))
                || (type.isEnum() && e.getName().equals("valueOf"));
    }

    @Test
    void everyPublicMethodNamesTheParameterItIsGivenNullFor() throws Exception {
        ApiSamples samples = ApiSamples.core()
                .put(KubernetesClient.class, () -> client)
                .put(
                        KubernetesControlPlane.class,
                        () -> KubernetesControlPlane.builder(client).build())
                .put(KubernetesControlPlane.Builder.class, () -> KubernetesControlPlane.builder(client))
                .put(TrainingPodProxy.class, () -> TrainingPodProxy.of("http://proxy:3128", "http://proxy:3128"))
                .named("httpProxy", "http://proxy:3128")
                .named("httpsProxy", "http://proxy:3128");
        NullArgumentWalker.Result result = new NullArgumentWalker(samples, K8sNullArgumentsTest::exempt)
                .walk(KubernetesControlPlane.class, PACKAGES);
        assertThat(result.calls()).as("calls with a null argument").isGreaterThan(30);
        assertThat(result.failures())
                .as(result.failures().size() + " of " + result.calls() + " calls")
                .isEmpty();
    }
}
