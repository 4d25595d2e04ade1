package dev.patron.command.customer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a write waits for the read model (see {@link ReadModelCatchUp}).
 *
 * @param enabled      off only where nothing builds the read model (tests of the command side alone)
 * @param timeout      the longest a write waits; after it, the write is answered anyway
 * @param pollInterval how often the read model is looked at meanwhile
 */
@ConfigurationProperties("patron.read-your-writes")
public record ReadYourWritesProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("20ms") Duration pollInterval) {
}
