package dev.patron.kit.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cacheTtl how long a service trusts what it last read about a customer's revoked tokens: the longest a
 *                 revoked token still works in a service instance other than the one that revoked it
 */
@ConfigurationProperties("patron.auth.customer-token-revocation")
public record CustomerTokenRevocationProperties(@DefaultValue("5s") Duration cacheTtl) {
}
