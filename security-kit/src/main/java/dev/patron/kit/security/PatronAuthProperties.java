package dev.patron.kit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * {@code patron.auth.*}: what every service needs to verify tokens.
 *
 * @param issuer   the {@code iss} every token must carry
 * @param audience the {@code aud} every token must carry
 * @param jwksUri  where the public keys are published (the command service's {@code /oauth/jwks}); unused by a
 *                 service that holds the signing key itself and exposes it as a {@code JWKSource} bean
 */
@ConfigurationProperties("patron.auth")
public record PatronAuthProperties(
        @DefaultValue("patron") String issuer,
        @DefaultValue("patron-api") String audience,
        @DefaultValue("http://localhost:8081/oauth/jwks") URI jwksUri) {

    public TokenAudience tokenAudience() {
        return new TokenAudience(issuer, audience);
    }
}
