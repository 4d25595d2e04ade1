package dev.patron.command.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code patron.auth.*} settings only the issuing side needs (the verifying side's are in service-kit).
 *
 * @param accessTokenLifetime how long an access token is accepted
 * @param signingKey          optional private P-256 JWK (JSON, with {@code kid}) to sign with, e.g. from a secret
 *                            store ({@code PATRON_AUTH_SIGNINGKEY}); when absent the key kept in MongoDB is used,
 *                            and created there on first start
 */
@ConfigurationProperties("patron.auth")
public record TokenIssuingProperties(
        @DefaultValue("1h") Duration accessTokenLifetime,
        String signingKey) {

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "TokenIssuingProperties[accessTokenLifetime=" + accessTokenLifetime
                + ", signingKey=" + (signingKey == null || signingKey.isBlank() ? "(from MongoDB)" : "(configured)") + "]";
    }
}
