package dev.patron.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.util.List;

/**
 * Where the services listen: {@code patron.upstream.command} / {@code PATRON_UPSTREAM_COMMAND} and
 * {@code patron.upstream.query} / {@code PATRON_UPSTREAM_QUERY}, each one URL or several separated by commas, one
 * per instance, which the gateway takes in turn ({@link RoundRobinUpstreams}). A load balancer or a DNS name that
 * resolves to all instances is one URL.
 */
@ConfigurationProperties("patron.upstream")
public record UpstreamServices(
        @DefaultValue("http://localhost:8081") List<URI> command,
        @DefaultValue("http://localhost:8082") List<URI> query) {
}
