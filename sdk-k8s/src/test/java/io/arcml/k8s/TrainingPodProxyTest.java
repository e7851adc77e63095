package io.arcml.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingPodProxyTest {

    @Test
    @SuppressWarnings("deprecation")
    void theEarlierNameProxySettingsStillGivesTheSameProxy() {
        assertThat(ProxySettings.of("http://proxy:3128", "http://proxy:3128", "10.0.0.0/8"))
                .isEqualTo(TrainingPodProxy.of("http://proxy:3128", "http://proxy:3128", "10.0.0.0/8"));
    }

    @Test
    void noProxyAlwaysStartsWithLoopbackAndClusterDomains() {
        TrainingPodProxy p = TrainingPodProxy.of("http://proxy:3128", null, "10.0.0.0/8", "localhost");
        assertThat(p.noProxy()).containsExactly("127.0.0.1", "localhost", ".svc", ".cluster.local", "10.0.0.0/8");
        assertThat(p.noProxyWith(List.of("run-1", ".run-1", "10.0.0.0/8")))
                .isEqualTo("127.0.0.1,localhost,.svc,.cluster.local,10.0.0.0/8,run-1,.run-1");
    }

    @Test
    void proxyPasswordsNeverReachToStringOrErrors() {
        TrainingPodProxy p = TrainingPodProxy.of("http://user:s3cret@proxy:3128", "http://user:s3cret@proxy:3128");
        assertThat(p.toString()).doesNotContain("s3cret").contains("http://user:***@proxy:3128");
        assertThatThrownBy(() -> TrainingPodProxy.of("ftp://user:s3cret@proxy:21", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageNotContaining("s3cret")
                .hasMessageContaining("httpProxy");
    }

    @Test
    void aPasswordWithARawAtOrSlashIsRefusedAndNoPartOfItShows() {
        for (String password : new String[] {"s3c@ret", "s3c/ret", "a@b/c@d"}) {
            String url = "http://user:" + password + "@proxy:3128";
            assertThatThrownBy(() -> TrainingPodProxy.of(url, null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith(
                            "httpProxy: 'http://user:***@proxy:3128' has a user name or password with a raw '@' or '/'")
                    .hasMessageNotContaining("ret")
                    .hasMessageNotContaining("c@d");
        }
        TrainingPodProxy encoded = TrainingPodProxy.of("http://user:s3c%40ret@proxy:3128", null);
        assertThat(encoded.toString())
                .contains("http://user:***@proxy:3128")
                .doesNotContain("s3c")
                .doesNotContain("ret");
    }

    @Test
    void nullArgumentsAreRefusedNamingTheParameter() {
        TrainingPodProxy p = TrainingPodProxy.of("http://proxy:3128", null);
        assertThatThrownBy(() -> p.noProxyWith(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("extra is null");
        assertThatThrownBy(() -> TrainingPodProxy.joinNoProxy(null, List.of())).hasMessageStartingWith("base is null");
    }

    @Test
    void urlsWithoutSchemeAndWildcardEntriesAreRejectedWithTheFix() {
        assertThatThrownBy(() -> TrainingPodProxy.of("proxy:3128", null))
                .hasMessageContaining("httpProxy: 'proxy:3128' is not a proxy URL")
                .hasMessageContaining("http://proxy.corp:3128");
        assertThatThrownBy(() -> TrainingPodProxy.of("http://proxy:3128", null, "*.corp"))
                .hasMessageContaining("noProxy: '*.corp'")
                .hasMessageContaining("no wildcards");
        assertThatThrownBy(() -> TrainingPodProxy.of(null, null)).hasMessageContaining("names no proxy");
    }
}
