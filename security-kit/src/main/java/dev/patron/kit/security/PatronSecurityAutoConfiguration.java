package dev.patron.kit.security;

import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.patron.kit.web.ErrorResponseWriter;
import dev.patron.kit.web.WebKitAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.net.MalformedURLException;
import java.util.Optional;

/**
 * Puts the {@link AccessTokenFilter} in front of every servlet service that has service-kit on its class path.
 * Keys come from a {@link JWKSource} bean when the service defines one (the command service, which holds the
 * signing key), otherwise from {@code patron.auth.jwks-uri} ({@link PublishedSigningKeys}: cached, fetched again
 * when a token names a key id the cache does not know, at most once per interval).
 */
@AutoConfiguration(after = WebKitAutoConfiguration.class,
        afterName = "dev.patron.eventstore.spring.MongoEventStoreAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({PatronAuthProperties.class, CustomerTokenRevocationProperties.class})
public class PatronSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PatronSecurityAutoConfiguration.class);

    /**
     * Right after the body-size limit and before anything reads the body, so unauthenticated uploads are never
     * parsed.
     */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    @ConditionalOnMissingBean
    JWKSource<SecurityContext> publishedSigningKeys(PatronAuthProperties properties) throws MalformedURLException {
        return PublishedSigningKeys.at(properties.jwksUri().toURL());
    }

    @Bean
    TokenVerifier tokenVerifier(JWKSource<SecurityContext> trustedKeys, PatronAuthProperties properties) {
        return new TokenVerifier(trustedKeys, properties.tokenAudience());
    }

    /** Every Patron service has the database (event-store's auto-configuration), so every one checks revocations. */
    @Bean
    @ConditionalOnBean(MongoDatabase.class)
    CustomerTokenRevocations customerTokenRevocations(MongoDatabase database,
                                                      CustomerTokenRevocationProperties properties) {
        return new CustomerTokenRevocations(database, properties.cacheTtl());
    }

    @Bean
    FilterRegistrationBean<AccessTokenFilter> accessTokenFilter(
            TokenVerifier verifier, ObjectProvider<CustomerTokenRevocations> revocations,
            ErrorResponseWriter errorResponseWriter) {
        Optional<CustomerTokenRevocations> revocationCheck = Optional.ofNullable(revocations.getIfAvailable());
        if (revocationCheck.isEmpty()) {
            log.warn("No MongoDB: customer tokens are not checked for revocation");
        }
        FilterRegistrationBean<AccessTokenFilter> registration = new FilterRegistrationBean<>(
                new AccessTokenFilter(verifier, AccessPolicy.patronApi(), revocationCheck, errorResponseWriter));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
