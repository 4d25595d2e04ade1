package dev.patron.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Reads, and the rebuild of the read models, go to the query service, everything else under {@code /v2}, token issuing,
 * the API description ({@code /openapi.json}) and the back-office console's page and scripts ({@code /console}, GET and
 * HEAD only: {@link UnforwardableRequestFilter} answers other methods 405) go to the command service.
 * Requests pass through unchanged (headers, body, query string): each service checks the tokens itself. Only
 * {@code Host} names the service, as for any request to it, and the forwarded headers are the gateway's own
 * ({@link GatewayForwardedHeaders}): they say which host the client addressed, and the services, which believe them
 * from the gateway alone, build links (list paging) from them, so links name this host.
 */
@Configuration(proxyBeanMethods = false)
class PatronRoutes {

    /** The reads the query service answers from its read models. */
    static final String[] QUERY_SIDE_READS = {
            "/v2/customers",
            "/v2/customers/{customerId}",
            "/v2/customers/{customerId}/addresses",
            "/v2/customers/{customerId}/addresses/{addressId}",
            "/v2/customers/{customerId}/history",
            "/v2/carts",
            "/v2/carts/{cartReference}",
            "/v2/carts/{cartReference}/items",
            "/v2/orders",
            "/v2/orders/{orderId}",
            "/v2/orders/{orderId}/items",
            "/v2/read-models",
            "/v2/events"};

    /** The back-office console: its page and, under it, its scripts and styles ({@code /console} itself included). */
    static final String CONSOLE = "/console/**";

    /** Writes the query service answers itself: a rebuild of its read models. */
    static final String[] QUERY_SIDE_WRITES = {"/v2/read-models/{name}/rebuild"};

    /** The services, whose instances {@link RoundRobinUpstreams} picks from for each request. */
    private static final String COMMAND_SERVICE = RoundRobinUpstreams.SCHEME + "://" + RoundRobinUpstreams.COMMAND;
    private static final String QUERY_SERVICE = RoundRobinUpstreams.SCHEME + "://" + RoundRobinUpstreams.QUERY;

    @Bean
    RouteLocator routeByOwningService(RouteLocatorBuilder routes) {
        return routes.routes()
                // Integrations and their delivery logs are the command service's, reads included: named here so
                // that a later query-side pattern cannot take them over.
                .route("integrations", route -> route.order(-1)
                        .path("/v2/integrations", "/v2/integrations/**")
                        .uri(COMMAND_SERVICE))
                .route("query-side-reads", route -> route.order(0)
                        .method(HttpMethod.GET, HttpMethod.HEAD).and().path(QUERY_SIDE_READS)
                        .uri(QUERY_SERVICE))
                .route("query-side-writes", route -> route.order(0)
                        .method(HttpMethod.POST).and().path(QUERY_SIDE_WRITES)
                        .uri(QUERY_SERVICE))
                .route("access-tokens-keys-and-description", route -> route.order(1)
                        .path("/oauth/access_token", "/oauth/jwks", "/.well-known/jwks.json", "/openapi.json")
                        .uri(COMMAND_SERVICE))
                .route("console", route -> route.order(1)
                        .method(HttpMethod.GET, HttpMethod.HEAD).and().path(CONSOLE)
                        .uri(COMMAND_SERVICE))
                .route("commands", route -> route.order(2)
                        .path("/v2/**")
                        .uri(COMMAND_SERVICE))
                .build();
    }
}
