package dev.patron.command.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.command.auth.AccessTokenIssuer;
import dev.patron.progress.ProjectionProgress;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * How the write side learns that a projection has processed its writes: from the query service over HTTP, unless a
 * {@link ProjectionProgress} is a bean here already (Patron in one process, where the query side's own answers
 * directly). An auto-configuration, so that it is looked at after every application bean is known.
 */
@AutoConfiguration
public class ReadYourWritesConfiguration {

    @Bean
    @ConditionalOnMissingBean(ProjectionProgress.class)
    ProjectionProgress remoteProjectionProgress(ReadYourWritesProperties properties, AccessTokenIssuer tokens,
                                                ObjectMapper json) {
        return new RemoteProjectionProgress(properties.queryService(), tokens, json, Clock.systemUTC());
    }
}
