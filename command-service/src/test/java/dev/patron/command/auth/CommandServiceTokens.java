package dev.patron.command.auth;

import com.nimbusds.jose.jwk.ECKey;
import dev.patron.kit.security.AuthMatrix;
import dev.patron.kit.security.PatronAuthProperties;
import dev.patron.kit.security.TokenScope;
import dev.patron.kit.security.TokenSigner;
import org.springframework.context.ApplicationContext;

import java.time.Clock;

/**
 * Tokens from a running command service's own signing key, for tests in any package of this module: access tokens
 * without going through {@code POST /oauth/access_token}, and customer tokens before that endpoint exists.
 */
public final class CommandServiceTokens {

    private final AccessTokenIssuer issuer;
    private final ECKey signingKey;
    private final TokenSigner signerWithTheServiceKey;

    public CommandServiceTokens(ApplicationContext runningService) {
        this.issuer = runningService.getBean(AccessTokenIssuer.class);
        this.signingKey = runningService.getBean(ActiveSigningKey.class).key();
        this.signerWithTheServiceKey = new TokenSigner(signingKey,
                runningService.getBean(PatronAuthProperties.class).tokenAudience(), Clock.systemUTC());
    }

    public String backOffice() {
        return issuer.accessToken("test-back-office", TokenScope.BACK_OFFICE).value();
    }

    public String storefront() {
        return issuer.accessToken("test-storefront", TokenScope.STOREFRONT).value();
    }

    public String customer(String customerId) {
        return issuer.customerToken(customerId).value();
    }

    public String expiredBackOffice() {
        return signerWithTheServiceKey
                .issueAccessToken("test-back-office", TokenScope.BACK_OFFICE, AuthMatrix.EXPIRED_TEN_MINUTES_AGO)
                .value();
    }

    /** The service's private signing key, for building the tokens an attacker could forge around it. */
    public ECKey signingKey() {
        return signingKey;
    }
}
