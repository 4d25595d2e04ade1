package dev.patron.kit.web;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code none} the default of {@code server.forward-headers-strategy} in every service: left unset, Spring Boot
 * has Tomcat believe forwarded headers from any private-network peer on Kubernetes and other clouds, before
 * {@link TrustedProxyFilter} sees the request. A value set on purpose still wins, and then stops the service from
 * starting (see {@link WebKitAutoConfiguration}).
 */
public class ForwardedHeadersLeftToPatron implements EnvironmentPostProcessor {

    static final String STRATEGY = "server.forward-headers-strategy";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(
                new MapPropertySource("web-kit: forwarded headers left to Patron", Map.of(STRATEGY, "none")));
    }
}
