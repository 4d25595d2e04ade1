package dev.patron.command.auth;

import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.patron.kit.security.PatronAuthProperties;
import dev.patron.kit.security.TokenSigner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The command service holds the signing key. It verifies tokens with that key directly (service-kit's filter
 * picks up the {@link JWKSource} bean below instead of fetching the JWKS over HTTP from itself).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ClientCredentials.class, TokenIssuingProperties.class})
class AuthConfiguration {

    @Bean
    ActiveSigningKey activeSigningKey(TokenIssuingProperties properties, MongoDatabase database) {
        String configured = properties.signingKey();
        return new ActiveSigningKey(configured != null && !configured.isBlank()
                ? SigningKeys.parse(configured)
                : new SigningKeys(database).activeKey());
    }

    @Bean
    JWKSet publicSigningKeys(ActiveSigningKey signingKey) {
        return new JWKSet(signingKey.key().toPublicJWK());
    }

    @Bean
    JWKSource<SecurityContext> localSigningKeys(JWKSet publicSigningKeys) {
        return new ImmutableJWKSet<>(publicSigningKeys);
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(ActiveSigningKey signingKey, TokenIssuingProperties properties,
                                        PatronAuthProperties auth) {
        TokenSigner signer = new TokenSigner(signingKey.key(), auth.tokenAudience(), Clock.systemUTC());
        return new AccessTokenIssuer(signer, properties.accessTokenLifetime());
    }
}
