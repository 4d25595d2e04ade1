package dev.patron.kit.web;

import dev.patron.contract.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides, before anything else reads a request, where it came from and where it was sent to, so that every later
 * filter and controller sees one answer that no client could have written.
 * <ul>
 * <li>Forwarded headers are believed only when the connection comes from a peer in
 * {@code patron.web.trusted-proxies} (the gateway). From such a peer, {@code X-Forwarded-Proto}, {@code -Host},
 * {@code -Port} and {@code -For} give the scheme, host, port and the client's address, each by its rightmost value
 * (the one the nearest proxy wrote, not one a client put in front of it), and the request is seen with them
 * ({@code getScheme()}, {@code getServerName()}, {@code getRemoteAddr()}, ...). {@code Forwarded} and
 * {@code X-Forwarded-Prefix} are believed from nobody: the gateway does not send them, and a path prefix belongs in
 * {@code patron.web.public-base-url}.</li>
 * <li>Either way the forwarded headers are hidden from everything after this filter, so no later code can act on
 * one by mistake.</li>
 * <li>A request whose scheme, host or port could not start a link (a scheme other than http or https, a malformed
 * host or port) is refused with 400 before anything runs.</li>
 * <li>The base of the request's links is kept for {@link PublicLinks}: the public base URL when set, otherwise the
 * scheme, host and port above.</li>
 * </ul>
 */
class TrustedProxyFilter extends OncePerRequestFilter {

    static final String NOT_A_VALID_ORIGIN = "The request names no valid http or https host and port";

    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String FORWARDED_HOST = "X-Forwarded-Host";
    private static final String FORWARDED_PORT = "X-Forwarded-Port";
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Set<String> FORWARDED_HEADERS = caseInsensitive(List.of("Forwarded", FORWARDED_PROTO,
            FORWARDED_HOST, FORWARDED_PORT, FORWARDED_FOR, "X-Forwarded-Prefix", "X-Forwarded-Ssl"));
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final TrustedProxies trustedProxies;
    private final Optional<String> publicBaseUrl;
    private final ErrorResponseWriter errorResponseWriter;

    TrustedProxyFilter(TrustedProxies trustedProxies, Optional<String> publicBaseUrl,
                       ErrorResponseWriter errorResponseWriter) {
        this.trustedProxies = trustedProxies;
        this.publicBaseUrl = publicBaseUrl;
        this.errorResponseWriter = errorResponseWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Arrival> arrival = trustedProxies.includes(request.getRemoteAddr())
                ? Arrival.throughProxy(request) : Optional.of(Arrival.direct(request));
        Optional<String> origin = arrival.flatMap(Arrival::origin);
        if (origin.isEmpty()) {
            errorResponseWriter.write(response, ApiError.of(HttpStatus.BAD_REQUEST, NOT_A_VALID_ORIGIN));
            return;
        }
        HttpServletRequest seen = new SeenAsArrived(request, arrival.get(), origin.get());
        PublicLinks.remember(seen, publicBaseUrl.orElse(origin.get()));
        chain.doFilter(seen, response);
    }

    private static Set<String> caseInsensitive(List<String> names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return Collections.unmodifiableSet(set);
    }

    /** How a request reached the first host that is not a trusted proxy, and from which client address. */
    private record Arrival(String scheme, String host, int port, String clientAddress) {

        static Arrival direct(HttpServletRequest request) {
            return new Arrival(request.getScheme(), request.getServerName(), request.getServerPort(),
                    request.getRemoteAddr());
        }

        /** Empty when a forwarded value the proxy sent is malformed. */
        static Optional<Arrival> throughProxy(HttpServletRequest request) {
            String scheme = request.getScheme();
            String host = request.getServerName();
            int port = request.getServerPort();
            Optional<String> proto = nearest(request, FORWARDED_PROTO);
            if (proto.isPresent()) {
                scheme = proto.get();
                port = PublicLinks.defaultPort(scheme);
            }
            Optional<String> forwardedHost = nearest(request, FORWARDED_HOST);
            if (forwardedHost.isPresent()) {
                Optional<HostAndPort> hostAndPort = HostAndPort.parse(forwardedHost.get());
                if (hostAndPort.isEmpty()) {
                    return Optional.empty();
                }
                host = hostAndPort.get().host();
                port = hostAndPort.get().port().orElse(PublicLinks.defaultPort(scheme));
            }
            Optional<String> forwardedPort = nearest(request, FORWARDED_PORT);
            if (forwardedPort.isPresent()) {
                if (!PORT.matcher(forwardedPort.get()).matches()) {
                    return Optional.empty();
                }
                port = Integer.parseInt(forwardedPort.get());
            }
            String clientAddress = request.getRemoteAddr();
            Optional<String> forwardedFor = nearest(request, FORWARDED_FOR);
            if (forwardedFor.isPresent()) {
                Optional<InetAddress> client = TrustedProxies.address(forwardedFor.get());
                if (client.isEmpty()) {
                    return Optional.empty();
                }
                clientAddress = client.get().getHostAddress();
            }
            return Optional.of(new Arrival(scheme, host, port, clientAddress));
        }

        Optional<String> origin() {
            return PublicLinks.origin(scheme, host, port);
        }

        /** The rightmost value of a header that proxies append to, over all its lines. */
        private static Optional<String> nearest(HttpServletRequest request, String header) {
            return Collections.list(request.getHeaders(header)).stream()
                    .flatMap(line -> Arrays.stream(line.split(",")))
                    .map(String::trim)
                    .filter(value -> !value.isEmpty())
                    .reduce((first, second) -> second);
        }
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; the host is checked by PublicLinks. */
    private record HostAndPort(String host, Optional<Integer> port) {

        static Optional<HostAndPort> parse(String value) {
            int hostEnd;
            if (value.startsWith("[")) {
                hostEnd = value.indexOf(']') + 1;
                if (hostEnd == 0) {
                    return Optional.empty();
                }
            } else {
                int colon = value.indexOf(':');
                if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
                    return Optional.empty();
                }
                hostEnd = colon < 0 ? value.length() : colon;
            }
            String host = value.substring(0, hostEnd);
            String rest = value.substring(hostEnd);
            if (rest.isEmpty()) {
                return Optional.of(new HostAndPort(host, Optional.empty()));
            }
            return rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches()
                    ? Optional.of(new HostAndPort(host, Optional.of(Integer.parseInt(rest.substring(1)))))
                    : Optional.empty();
        }
    }

    /** The request as it arrived where it was sent, with the forwarded headers hidden. */
    private static final class SeenAsArrived extends HttpServletRequestWrapper {

        private final Arrival arrival;
        private final String origin;

        SeenAsArrived(HttpServletRequest request, Arrival arrival, String origin) {
            super(request);
            this.arrival = arrival;
            this.origin = origin;
        }

        @Override
        public String getScheme() {
            return arrival.scheme();
        }

        @Override
        public boolean isSecure() {
            return arrival.scheme().equalsIgnoreCase("https");
        }

        @Override
        public String getServerName() {
            return arrival.host();
        }

        @Override
        public int getServerPort() {
            return arrival.port();
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(origin).append(getRequestURI());
        }

        @Override
        public String getRemoteAddr() {
            return arrival.clientAddress();
        }

        @Override
        public String getRemoteHost() {
            return arrival.clientAddress();
        }

        @Override
        public String getHeader(String name) {
            return FORWARDED_HEADERS.contains(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return FORWARDED_HEADERS.contains(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public int getIntHeader(String name) {
            return FORWARDED_HEADERS.contains(name) ? -1 : super.getIntHeader(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !FORWARDED_HEADERS.contains(name)).toList());
        }
    }
}
