package dev.patron.command.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.command.auth.AccessTokenIssuer;
import dev.patron.progress.ProjectionProgress;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReadYourWritesConfiguration {

    /**
     * The query service over HTTP, unless it runs in this process and its own {@link ProjectionProgress} is a bean
     * here already (Patron in one process); that one is a component, registered before this method is looked at.
     */
    @Bean
    @ConditionalOnMissingBean(ProjectionProgress.class)
    ProjectionProgress remoteProjectionProgress(ReadYourWritesProperties properties, AccessTokenIssuer tokens,
                                                ObjectMapper json) {
        return new RemoteProjectionProgress(properties.queryService(), tokens, json, Clock.systemUTC());
    }
}
