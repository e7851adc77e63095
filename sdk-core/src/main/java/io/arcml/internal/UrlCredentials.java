package io.arcml.internal;

import io.arcml.ValidationException;

/**
 * The one rule for URLs that may carry credentials ({@code http://user:password@proxy:3128}): how
 * they are shown in messages and {@code toString()}, and which are refused because their password
 * cannot be told apart from the host.
 *
 * <p>The user information is taken to end at the <em>last</em> {@code @} of the URL, not the
 * first: a password written with a raw {@code @} or {@code /} is then hidden whole, never in part.
 */
public final class UrlCredentials {
    private static final String MASK = "***";

    private UrlCredentials() {}

    /**
     * The URL with its password (or a lone user part, which may be a token) replaced by
     * {@code ***}: {@code http://user:***@proxy:3128}. A URL without {@code @} is returned as is.
     */
    public static String mask(String url) {
        String userInfo = userInfo(url);
        if (userInfo == null) {
            return url;
        }
        int start = authorityStart(url);
        int colon = userInfo.indexOf(':');
        return url.substring(0, start)
                + (colon < 0 ? MASK : userInfo.substring(0, colon) + ":" + MASK)
                + url.substring(start + userInfo.length());
    }

    /**
     * Refuses a URL whose user information holds a raw {@code @} or {@code /}: a URL parser reads
     * the host from inside the password and the proxy silently becomes another host.
     *
     * @throws ValidationException naming {@code field}, showing the URL masked
     */
    public static String requireEncoded(String field, String url) {
        String userInfo = userInfo(url);
        if (userInfo != null && (userInfo.indexOf('@') >= 0 || userInfo.indexOf('/') >= 0)) {
            throw new ValidationException(
                    field,
                    mask(url),
                    "has a user name or password with a raw '@' or '/'",
                    "Percent-encode them in the URL: '@' as %40 and '/' as %2F");
        }
        return url;
    }

    /** What lies between the scheme and the URL's last {@code @}, or {@code null} when there is none. */
    private static String userInfo(String url) {
        if (url == null) {
            return null;
        }
        int start = authorityStart(url);
        int at = url.lastIndexOf('@');
        return at < start ? null : url.substring(start, at);
    }

    private static int authorityStart(String url) {
        int scheme = url.indexOf("://");
        return scheme < 0 ? 0 : scheme + 3;
    }
}
