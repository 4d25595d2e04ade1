package dev.patron.kit.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UrlPathHelper;

/**
 * Every absolute link Patron writes into an answer (list paging, the event feed) starts here, so that what a link
 * may start with is decided once: the operator's {@code patron.web.public-base-url} when set, otherwise the scheme,
 * host and port the request was sent to, as the connection or a trusted proxy says ({@link TrustedProxyFilter}),
 * checked to be {@code http} or {@code https} and a well-formed host and port. Nothing else a client sends can
 * reach a link's start.
 */
public final class PublicLinks {

    private static final String BASE = PublicLinks.class.getName() + ".base";
    private static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*");
    private static final int LONGEST_HOST_NAME = 253;

    private PublicLinks() {
    }

    /**
     * A link to the path of the request being answered, without its query: add the parameters the link needs. The
     * path is taken decoded and without path parameters ({@code ;...}), and encoded again when the link is built.
     */
    public static UriComponentsBuilder toCurrentPath() {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        if (!(request.getAttribute(BASE) instanceof String base)) {
            throw new IllegalStateException("No link base for this request: it did not pass TrustedProxyFilter");
        }
        return UriComponentsBuilder.fromUriString(base).path(UrlPathHelper.defaultInstance.getRequestUri(request));
    }

    static void remember(HttpServletRequest request, String base) {
        request.setAttribute(BASE, base);
    }

    /**
     * {@code scheme://host[:port]} when each part is one a link may carry: {@code http} or {@code https}, a host name
     * or an IP address (IPv6 in brackets), a port from 1 to 65535 (left out when it is the scheme's default).
     */
    static Optional<String> origin(String scheme, String host, int port) {
        String lowerCaseScheme = scheme.toLowerCase(Locale.ROOT);
        boolean webScheme = lowerCaseScheme.equals("http") || lowerCaseScheme.equals("https");
        if (!webScheme || port < 1 || port > 65_535) {
            return Optional.empty();
        }
        return hostForLinks(host).map(valid -> lowerCaseScheme + "://" + valid
                + (port == defaultPort(lowerCaseScheme) ? "" : ":" + port));
    }

    static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }

    /**
     * The setting {@code patron.web.public-base-url}: an absolute {@code http} or {@code https} URL with a host, and
     * optionally a path (the prefix a proxy in front serves Patron under), nothing else.
     *
     * @throws IllegalStateException when it is not one, so that a service does not start with links nobody can follow
     */
    static String configuredBase(String setting) {
        try {
            URI url = new URI(setting.trim());
            Optional<String> origin = url.getHost() == null || url.getRawUserInfo() != null
                    || url.getRawQuery() != null || url.getRawFragment() != null || url.getScheme() == null
                    ? Optional.empty()
                    : origin(url.getScheme(), url.getHost(), url.getPort() < 0 ? defaultPort(url.getScheme())
                    : url.getPort());
            String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
            return origin.map(valid -> valid + path).orElseThrow(() -> notABaseUrl(setting));
        } catch (URISyntaxException notAUri) {
            throw notABaseUrl(setting);
        }
    }

    private static IllegalStateException notABaseUrl(String setting) {
        return new IllegalStateException("patron.web.public-base-url must be an absolute http or https URL with a "
                + "host and optionally a path, such as https://api.example.com, not '" + setting + "'");
    }

    private static Optional<String> hostForLinks(String host) {
        String unbracketed = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (unbracketed.contains(":")) {
            return TrustedProxies.address(unbracketed).map(address -> "[" + unbracketed + "]");
        }
        return host.length() <= LONGEST_HOST_NAME && HOST_NAME.matcher(host).matches()
                ? Optional.of(host) : Optional.empty();
    }
}
