package dev.patron.command.auth;

import dev.patron.kit.security.IssuedToken;
import dev.patron.kit.security.TokenScope;
import dev.patron.kit.security.TokenSigner;

import java.time.Duration;

/**
 * Issues tokens with the service's signing key. Access tokens only from this package, after checking who asks;
 * customer tokens also from the customer sign-in ({@code dev.patron.command.customer.login}), after checking the
 * customer's password or identity provider.
 */
public class AccessTokenIssuer {

    /** The contract's customer-token lifetime. */
    static final Duration CUSTOMER_TOKEN_LIFETIME = Duration.ofHours(24);
    static final String SERVICE_SUBJECT = "patron-command-service";

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
     * A customer token for {@code POST /v2/customers/tokens}.
     *
     * @param credentialVersion see {@link dev.patron.kit.security.CustomerToken#credentialVersion()}
     */
    public IssuedToken customerToken(String customerId, long credentialVersion) {
        return signer.issueCustomerToken(customerId, credentialVersion, CUSTOMER_TOKEN_LIFETIME);
    }

    /**
     * A back-office access token for this service's own calls to other Patron services (asking the query service how
     * far its projections are); its subject names the service, not a client.
     */
    public IssuedToken serviceToken() {
        return signer.issueAccessToken(SERVICE_SUBJECT, TokenScope.BACK_OFFICE, accessTokenLifetime);
    }

    Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }
}
