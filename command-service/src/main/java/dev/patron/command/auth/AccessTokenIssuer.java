package dev.patron.command.auth;

import dev.patron.kit.security.IssuedToken;
import dev.patron.kit.security.TokenScope;
import dev.patron.kit.security.TokenSigner;

import java.time.Duration;

/**
 * Issues tokens with the service's signing key. Package-private on purpose: only this package hands out tokens,
 * after checking who asks.
 */
class AccessTokenIssuer {

    /** The contract's customer-token lifetime. */
    static final Duration CUSTOMER_TOKEN_LIFETIME = Duration.ofHours(24);

    private final TokenSigner signer;
    private final Duration accessTokenLifetime;

    AccessTokenIssuer(TokenSigner signer, Duration accessTokenLifetime) {
        this.signer = signer;
        this.accessTokenLifetime = accessTokenLifetime;
    }

    IssuedToken accessToken(String clientId, TokenScope scope) {
        return signer.issueAccessToken(clientId, scope, accessTokenLifetime);
    }

    /**
     * A customer token for {@code POST /v2/customers/tokens} (issue 4, not yet exposed); until then tests in this
     * package use it to act as a signed-in customer with a token from the real signer.
     */
    IssuedToken customerToken(String customerId) {
        return signer.issueCustomerToken(customerId, CUSTOMER_TOKEN_LIFETIME);
    }

    Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }
}
