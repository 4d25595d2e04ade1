package dev.patron.command.write;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link AuditMetadata} on the command bus. Done as Axon starts, before any request is served: asking for the
 * bus while Axon's configuration is being built (it needs the correlation providers, {@link AuditMetadata} among them)
 * would be a circle.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    ConfigurerModule auditedCommands(AuditMetadata auditMetadata) {
        return configurer -> configurer.onInitialize(configuration -> configuration.onStart(
                () -> configuration.commandBus().registerDispatchInterceptor(auditMetadata)));
    }
}
