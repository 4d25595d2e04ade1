package dev.patron.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.containsEncodedParts;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends each request for a service ({@code lb://command} or {@code lb://query}, as {@link PatronRoutes} names them) to
 * one of its instances ({@link UpstreamServices}), in turn. An instance that refuses a connection (stopped, killed,
 * starting) is passed over for a moment and then tried again with real traffic; the request that met the refusal is
 * answered 503, as while a whole service is down: it reached no service, so its client may send it again. Nothing is
 * sent twice by the gateway itself.
 */
@Component
class RoundRobinUpstreams implements GlobalFilter, Ordered {

    static final String SCHEME = "lb";
    static final String COMMAND = "command";
    static final String QUERY = "query";
    /** How long an instance that refused a connection is passed over. */
    static final Duration PASS_OVER = Duration.ofSeconds(2);

    private final Map<String, Instances> services;

    RoundRobinUpstreams(UpstreamServices upstream) {
        this.services = Map.of(COMMAND, new Instances(upstream.command()), QUERY, new Instances(upstream.query()));
    }

    /** Once the route's {@code lb://} address is joined with the request's path, before anything sends the request. */
    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null || !SCHEME.equals(url.getScheme()) || !services.containsKey(url.getHost())) {
            return chain.filter(exchange);
        }
        Instances instances = services.get(url.getHost());
        URI instance = instances.next();
        // Encoded or not exactly as the gateway's own RouteToRequestUrlFilter built it, so the path and query string
        // reach the service as the client sent them.
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, UriComponentsBuilder.fromUri(url)
                .scheme(instance.getScheme()).host(instance.getHost()).port(instance.getPort())
                .build(containsEncodedParts(url)).toUri());
        return chain.filter(exchange).doOnError(ConnectException.class, refused -> instances.passOver(instance));
    }

    /** The instances of one service, taken in turn. */
    private static final class Instances {

        private final List<URI> uris;
        private final AtomicInteger turn = new AtomicInteger();
        private final Map<URI, Long> passedOverUntil = new ConcurrentHashMap<>();

        Instances(List<URI> uris) {
            if (uris.isEmpty()) {
                throw new IllegalArgumentException("a service needs at least one instance");
            }
            this.uris = List.copyOf(uris);
        }

        /** The next instance in turn that is not passed over; when all are, the next in turn regardless. */
        URI next() {
            long now = System.nanoTime();
            for (int tried = 0; tried < uris.size(); tried++) {
                URI candidate = uris.get(Math.floorMod(turn.getAndIncrement(), uris.size()));
                Long until = passedOverUntil.get(candidate);
                if (until == null || now - until >= 0) {
                    return candidate;
                }
            }
            return uris.get(Math.floorMod(turn.getAndIncrement(), uris.size()));
        }

        void passOver(URI instance) {
            passedOverUntil.put(instance, System.nanoTime() + PASS_OVER.toNanos());
        }
    }
}
