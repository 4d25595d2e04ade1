package dev.patron.command.write;

import java.net.URI;
import java.util.List;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a write waits until it can be read back (see {@link WritePipeline}).
 *
 * @param enabled      off only where nothing builds the read models (tests of the command side alone)
 * @param timeout      the longest a write waits; after it, the write is answered anyway
 * @param queryService where the query service answers how far its projections are, when it runs in another process
 *                     (in one process with the command side it is asked directly); with several instances, each of
 *                     them, separated by commas: the one that holds the projection answers
 */
@ConfigurationProperties("patron.read-your-writes")
public record ReadYourWritesProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("http://localhost:8082") List<URI> queryService) {
}
