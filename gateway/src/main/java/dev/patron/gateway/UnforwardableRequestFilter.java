package dev.patron.gateway;

import java.util.List;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Refuses, before any route is looked at, what the gateway cannot or must not forward: a request without exactly one
 * {@code Host} (HTTP/1.1 requires one; the routes pass it on to the services, and without one forwarding failed with a
 * 500), and a method outside those the API can mean (405): TRACE, which would echo the request, and invented names,
 * which no service answers and which would otherwise each become a metric series of its own (the forwarding client's
 * {@code http.client.requests} is tagged with the method as sent); and a method the API description does not give a
 * path ({@link DescribedMethods}), which the service the gateway would route it to could only answer with a 404, or the
 * console's pages (not an API operation, so not described) do not take: they are read only.
 */
@Component
class UnforwardableRequestFilter implements WebFilter, Ordered {

    static final List<HttpMethod> FORWARDED_METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private static final Set<HttpMethod> CONSOLE_METHODS = Set.of(HttpMethod.GET);
    private static final PathPattern CONSOLE = PathPatternParser.defaultInstance.parse(PatronRoutes.CONSOLE);

    private final DescribedMethods describedMethods = DescribedMethods.fromApiDescription();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> hosts = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.HOST);
        if (hosts.size() != 1 || hosts.get(0).isBlank()) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST));
        }
        HttpMethod method = exchange.getRequest().getMethod();
        if (!FORWARDED_METHODS.contains(method)) {
            return Mono.error(new MethodNotAllowedException(method, FORWARDED_METHODS));
        }
        Set<HttpMethod> described = CONSOLE.matches(exchange.getRequest().getPath().pathWithinApplication())
                ? CONSOLE_METHODS
                : describedMethods.methodsFor(exchange.getRequest().getPath().value());
        boolean answeredByTheService = method == HttpMethod.OPTIONS
                || described.contains(method == HttpMethod.HEAD ? HttpMethod.GET : method);
        if (!described.isEmpty() && !answeredByTheService) {
            return Mono.error(new MethodNotAllowedException(method, described));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
