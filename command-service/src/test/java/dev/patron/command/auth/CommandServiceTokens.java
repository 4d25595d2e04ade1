package dev.patron.command.auth;

import com.nimbusds.jose.jwk.ECKey;
import dev.patron.events.customer.PasswordSet;
import dev.patron.kit.security.AuthMatrix;
import dev.patron.kit.security.CustomerToken;
import dev.patron.kit.security.PatronAuthProperties;
import dev.patron.kit.security.TokenScope;
import dev.patron.kit.security.TokenSigner;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ApplicationContext;

import java.time.Clock;

/**
 * Tokens from a running command service's own signing key, for tests in any package of this module: access tokens
 * without going through {@code POST /oauth/access_token}, customer tokens without a password or identity provider.
 */
public final class CommandServiceTokens {

    private final AccessTokenIssuer issuer;
    private final EventStore eventStore;
    private final ECKey signingKey;
    private final TokenSigner signerWithTheServiceKey;

    public CommandServiceTokens(ApplicationContext runningService) {
        this.issuer = runningService.getBean(AccessTokenIssuer.class);
        this.eventStore = runningService.getBean(EventStore.class);
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

    /** The token a sign-in of the customer would give now, carrying their current credential version. */
    public String customer(String customerId) {
        return issuer.customerToken(customerId, credentialVersionOf(customerId)).value();
    }

    public String expiredCustomer(String customerId) {
        return signerWithTheServiceKey.issueCustomerToken(customerId, credentialVersionOf(customerId),
                AuthMatrix.EXPIRED_TEN_MINUTES_AGO).value();
    }

    public String expiredBackOffice() {
        return signerWithTheServiceKey
                .issueAccessToken("test-back-office", TokenScope.BACK_OFFICE, AuthMatrix.EXPIRED_TEN_MINUTES_AGO)
                .value();
    }

    /** The sequence number of the customer's latest password, as the Customer aggregate keeps it. */
    private long credentialVersionOf(String customerId) {
        return eventStore.readEvents(customerId, 0).asStream()
                .filter(event -> event.getPayload() instanceof PasswordSet)
                .mapToLong(DomainEventMessage::getSequenceNumber)
                .max()
                .orElse(CustomerToken.NO_PASSWORD_SET);
    }

    /** The service's private signing key, for building the tokens an attacker could forge around it. */
    public ECKey signingKey() {
        return signingKey;
    }
}
