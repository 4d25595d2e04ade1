package dev.patron.command.integration;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.contract.ResourceMeta;
import java.util.List;

/**
 * The contract's integration object. The secret is shown only as its last four characters: it is the key of every
 * signature, so a leaked read token must not be enough to forge deliveries; whoever set it has it.
 */
record IntegrationResource(String type, String id, String name, String description, boolean enabled,
                           @JsonProperty("integration_type") String integrationType, List<String> observes,
                           Configuration configuration, ResourceMeta meta) {

    static final String TYPE = "integration";
    static final String WEBHOOK = "webhook";

    record Configuration(String url, @JsonProperty("secret_key") String secretKey) {
    }

    static IntegrationResource of(Integration integration) {
        return new IntegrationResource(TYPE, integration.id(), integration.name(), integration.description(),
                integration.enabled(), WEBHOOK, integration.observes(),
                new Configuration(integration.url(), masked(integration.secret())),
                ResourceMeta.of(integration.createdAt(), integration.updatedAt()));
    }

    static String masked(String secret) {
        return "****" + secret.substring(Math.max(0, secret.length() - 4));
    }
}
