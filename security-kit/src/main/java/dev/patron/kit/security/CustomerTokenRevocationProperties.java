package dev.patron.kit.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cacheTtl how long a service trusts what it last read about a customer's revoked tokens: the longest a
 *                 revoked token still works in a service instance other than the one that revoked it. The default,
 *                 zero, reads on every customer-token request (one {@code _id} lookup), so a token stops working
 *                 everywhere the moment the password changes or the customer is deleted; raise it only to trade
 *                 that promise for fewer lookups.
 */
@ConfigurationProperties("patron.auth.customer-token-revocation")
public record CustomerTokenRevocationProperties(@DefaultValue("0s") Duration cacheTtl) {
}
