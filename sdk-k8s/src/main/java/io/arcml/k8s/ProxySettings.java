package io.arcml.k8s;

/**
 * The earlier name of {@link TrainingPodProxy}, kept so that
 * {@code .proxy(ProxySettings.of("http://proxy:3128", "http://proxy:3128", "10.0.0.0/8"))} still compiles.
 *
 * @deprecated use {@link TrainingPodProxy}: the outbound proxy of the training pods, named apart
 *     from the proxy of arcml's own ARM client
 */
@Deprecated(since = "0.1.0")
public final class ProxySettings {
    private ProxySettings() {}

    /**
     * The same as {@link TrainingPodProxy#of(String, String, String...)}.
     *
     * @deprecated use {@link TrainingPodProxy#of(String, String, String...)}
     */
    @Deprecated(since = "0.1.0")
    public static TrainingPodProxy of(String httpProxy, String httpsProxy, String... noProxy) {
        return TrainingPodProxy.of(httpProxy, httpsProxy, noProxy);
    }
}
