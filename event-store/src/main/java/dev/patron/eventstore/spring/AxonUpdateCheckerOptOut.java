package dev.patron.eventstore.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon's update checker phones home unless a system property or environment variable says otherwise; it never
 * reads Spring configuration. This carries {@code axoniq.update-checker.disabled} (default {@code true}) from
 * Spring's environment into the system property, before Axon starts, however the service was launched.
 */
public class AxonUpdateCheckerOptOut implements EnvironmentPostProcessor {

    static final String DISABLED = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(DISABLED, Boolean.class, true)) {
            System.setProperty(DISABLED, "true");
        }
    }
}
