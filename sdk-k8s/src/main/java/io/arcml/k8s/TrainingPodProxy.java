package io.arcml.k8s;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.UrlCredentials;
import io.arcml.k8s.internal.PodProxy;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The outbound proxy a cluster's training pods must use, the how-to's proxy scenario. Every job
 * pod gets {@code HTTP_PROXY}, {@code HTTPS_PROXY} and {@code NO_PROXY} (and their lowercase
 * forms); {@code NO_PROXY} always holds {@code 127.0.0.1}, {@code localhost} and the cluster's
 * service domains, so that local sidecars and rendezvous traffic between instances bypass the proxy.
 *
 * <pre>{@code
 * TrainingPodProxy.of("http://proxy.corp:3128", "http://proxy.corp:3128", "10.0.0.0/8", ".corp")
 * }</pre>
 *
 * @param httpProxy the proxy for http URLs, or {@code null}
 * @param httpsProxy the proxy for https URLs, or {@code null}
 * @param noProxy hosts, domains and CIDRs that bypass the proxy, always including the loopback entries;
 *     {@code null} for none beyond those
 */
public record TrainingPodProxy(String httpProxy, String httpsProxy, List<String> noProxy) {
    /** Entries every job's {@code NO_PROXY} holds. */
    public static final List<String> ALWAYS_BYPASSED = PodProxy.ALWAYS_BYPASSED;

    private static final Pattern NO_PROXY_ENTRY = Pattern.compile("[0-9A-Za-z.\\-/:]+");

    /** Checks the URLs and adds the entries every job needs to {@code noProxy}. */
    public TrainingPodProxy {
        requireUrl("httpProxy", httpProxy);
        requireUrl("httpsProxy", httpsProxy);
        if (httpProxy == null && httpsProxy == null) {
            throw new ValidationException(
                    "proxy",
                    null,
                    "names no proxy",
                    "Give an httpProxy or an httpsProxy URL, e.g. http://proxy.corp:3128");
        }
        Set<String> entries = new LinkedHashSet<>(ALWAYS_BYPASSED);
        for (String e : noProxy == null ? List.<String>of() : noProxy) {
            if (e == null || !NO_PROXY_ENTRY.matcher(e.trim()).matches()) {
                throw new ValidationException(
                        "noProxy",
                        e,
                        "is not a host, domain or CIDR",
                        "Use entries such as 10.0.0.0/8, .corp.example.com or registry.local (no wildcards)");
            }
            entries.add(e.trim());
        }
        noProxy = List.copyOf(entries);
    }

    /** Proxies and bypass entries; see the class description. */
    public static TrainingPodProxy of(String httpProxy, String httpsProxy, String... noProxy) {
        return new TrainingPodProxy(httpProxy, httpsProxy, List.of(Arguments.nonNull(noProxy, "noProxy")));
    }

    /** {@code NO_PROXY} with the given extra entries (for example a job's own service name) appended. */
    public String noProxyWith(List<String> extra) {
        return joinNoProxy(noProxy, Arguments.nonNull(extra, "extra"));
    }

    /** A {@code NO_PROXY} value: {@code base}, then the {@code extra} entries it lacks, comma-separated. */
    public static String joinNoProxy(List<String> base, List<String> extra) {
        return PodProxy.joinNoProxy(base, extra);
    }

    private static void requireUrl(String field, String url) {
        if (url == null) {
            return;
        }
        UrlCredentials.requireEncoded(field, url);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getScheme() == null
                || uri.getHost() == null
                || !Set.of("http", "https", "socks5").contains(uri.getScheme())) {
            throw new ValidationException(
                    field,
                    UrlCredentials.mask(url),
                    "is not a proxy URL",
                    "Give the scheme, host and port, e.g. http://proxy.corp:3128");
        }
    }

    /** The settings, with any proxy password hidden. */
    @Override
    public String toString() {
        return "TrainingPodProxy{httpProxy=" + UrlCredentials.mask(httpProxy) + ", httpsProxy="
                + UrlCredentials.mask(httpsProxy) + ", noProxy=" + noProxy + "}";
    }
}
