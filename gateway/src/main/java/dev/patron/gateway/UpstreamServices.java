package dev.patron.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * Where the services listen: {@code patron.upstream.command} / {@code PATRON_UPSTREAM_COMMAND} and
 * {@code patron.upstream.query} / {@code PATRON_UPSTREAM_QUERY}. With several instances of a service, point these
 * at a load balancer or a DNS name that resolves to all of them.
 */
@ConfigurationProperties("patron.upstream")
public record UpstreamServices(
        @DefaultValue("http://localhost:8081") URI command,
        @DefaultValue("http://localhost:8082") URI query) {
}
