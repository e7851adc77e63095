package io.arcml.transport.arm;

import com.azure.core.http.ProxyOptions;
import com.azure.core.util.Configuration;
import io.arcml.ValidationException;
import io.arcml.internal.UrlCredentials;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP proxy of arcml's own ARM client (not the training pods' proxy, which the cluster
 * transport's {@code TrainingPodProxy} sets), from the standard settings. azure-core reads the JVM's
 * {@code https.proxyHost}/{@code http.nonProxyHosts} and its own settings, but the
 * {@code HTTPS_PROXY}/{@code NO_PROXY} environment variables only with
 * {@code java.net.useSystemProxies=true}; behind a corporate proxy (the how-to's outbound-proxy
 * scenario) those variables are what is set, so they are read here too, as curl reads them:
 * {@code HTTPS_PROXY} for https endpoints, {@code HTTP_PROXY} for http, either case.
 */
final class ArmClientProxy {
    private ArmClientProxy() {}

    /** The proxy for an endpoint, or {@code null} for a direct connection. */
    static ProxyOptions resolve(Configuration configuration, String endpointScheme) {
        ProxyOptions fromAzureCore = ProxyOptions.fromConfiguration(configuration, true);
        if (fromAzureCore != null) {
            return fromAzureCore;
        }
        String variable = "https".equalsIgnoreCase(endpointScheme) ? "HTTPS_PROXY" : "HTTP_PROXY";
        String url = either(configuration, variable);
        if (url == null || url.isBlank()) {
            return null;
        }
        ProxyOptions proxy = parse(variable, url.trim());
        String noProxy = either(configuration, "NO_PROXY");
        if (noProxy != null && !noProxy.isBlank()) {
            proxy.setNonProxyHosts(javaNonProxyHosts(noProxy));
        }
        return proxy;
    }

    private static String either(Configuration configuration, String name) {
        String upper = configuration.get(name);
        return upper != null ? upper : configuration.get(name.toLowerCase(Locale.ROOT));
    }

    private static ProxyOptions parse(String variable, String url) {
        UrlCredentials.requireEncoded(variable, url);
        URI uri;
        try {
            uri = new URI(url.contains("://") ? url : "http://" + url);
        } catch (URISyntaxException e) {
            throw new ValidationException(
                    variable,
                    UrlCredentials.mask(url),
                    "is not a proxy URL",
                    "Set it as http://host:port or http://user:password@host:port");
        }
        if (uri.getHost() == null) {
            throw new ValidationException(
                    variable, UrlCredentials.mask(url), "has no host", "Set it as http://host:port");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        ProxyOptions proxy =
                new ProxyOptions(ProxyOptions.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            proxy.setCredentials(
                    decode(colon < 0 ? userInfo : userInfo.substring(0, colon)),
                    colon < 0 ? "" : decode(userInfo.substring(colon + 1)));
        }
        return proxy;
    }

    /** {@code NO_PROXY}'s {@code localhost,.corp.example,10.0.0.1} as Java's {@code localhost|*.corp.example|10.0.0.1}. */
    static String javaNonProxyHosts(String noProxy) {
        List<String> hosts = new ArrayList<>();
        for (String entry : noProxy.split(",")) {
            String host = entry.trim();
            if (host.isEmpty()) {
                continue;
            }
            if (host.equals("*")) {
                hosts.add("*");
            } else if (host.startsWith(".")) {
                hosts.add("*" + host);
            } else if (host.matches("[0-9.]+") || host.contains(":")) {
                hosts.add(host); // an IP address: no subdomains
            } else {
                hosts.add(host);
                hosts.add("*." + host);
            }
        }
        return String.join("|", hosts);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
