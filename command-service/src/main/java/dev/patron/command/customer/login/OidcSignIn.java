package dev.patron.command.customer.login;

import dev.patron.command.customer.CreateCustomer;
import dev.patron.command.customer.CustomerWrites;
import dev.patron.command.customer.EmailAddresses;
import dev.patron.command.customer.EmailClaims;
import dev.patron.command.write.AuditMetadata;
import dev.patron.contract.ApiException;
import dev.patron.events.metadata.EventMetadata.Actor;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Single sign-on: the customer linked to the provider's identity; else the customer holding the address the
 * provider verified, who is linked from now on; else a new customer without a password, made through the same
 * write path as a sign-up (so the address must be free), and linked. An unverified address never matches an
 * existing customer: anyone can claim an address at some identity providers.
 */
@Service
public class OidcSignIn {

    static final String EMAIL_OF_ANOTHER_CUSTOMER =
            "The identity provider's email address belongs to another customer and is not verified";

    private final OidcProvider provider;
    private final OidcLinks links;
    private final EmailClaims emailClaims;
    private final CustomerWrites customerWrites;
    private final SignInCommands signInCommands;

    OidcSignIn(OidcProvider provider, OidcLinks links, EmailClaims emailClaims, CustomerWrites customerWrites,
               SignInCommands signInCommands) {
        this.provider = provider;
        this.links = links;
        this.emailClaims = emailClaims;
        this.customerWrites = customerWrites;
        this.signInCommands = signInCommands;
    }

    public SignInOutcome.SignedIn signIn(String code, URI redirectUri, String codeVerifier) {
        OidcIdentity identity = provider.identify(code, redirectUri, codeVerifier);
        // What follows (a new customer, a link, the sign-in) is done on the identity provider's word.
        AuditMetadata.actAs(Actor.oidc(identity.issuer()));
        Optional<SignInOutcome.SignedIn> linked = links.customerLinkedTo(identity)
                .flatMap(customerId -> signInLinked(identity, customerId));
        if (linked.isPresent()) {
            return linked.get();
        }
        String customerId = holderOfVerifiedEmail(identity).orElseGet(() -> newCustomer(identity));
        String linkedTo = links.link(identity, customerId);
        if (linkedTo.equals(customerId)) {
            signInCommands.link(new LinkOidcIdentity(customerId, identity.issuer(), identity.subject()));
        }
        return signInLinked(identity, linkedTo).orElseThrow(OidcProvider::signInFailed);
    }

    /** Empty when the linked customer is gone, and then the stale link with them. */
    private Optional<SignInOutcome.SignedIn> signInLinked(OidcIdentity identity, String customerId) {
        Optional<SignInOutcome.SignedIn> signedIn = signInCommands.send(new SignInWithOidc(customerId));
        if (signedIn.isEmpty()) {
            links.unlink(identity, customerId);
        }
        return signedIn;
    }

    private Optional<String> holderOfVerifiedEmail(OidcIdentity identity) {
        return identity.emailVerified() && identity.email() != null
                ? emailClaims.holder(identity.email())
                : Optional.empty();
    }

    private String newCustomer(OidcIdentity identity) {
        if (identity.email() == null || !EmailAddresses.isValid(identity.email())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "The identity provider shared no valid email address, which a new customer needs");
        }
        try {
            // The id of the customer created: a fresh one, or that of an earlier sign-up's claim never followed up.
            return customerWrites.create(new CreateCustomer(UUID.randomUUID().toString(), identity.customerName(),
                    identity.email(), null, null, List.of())).customerId();
        } catch (ApiException refused) {
            // A sign-in request has no email field to blame: the address came from the identity provider.
            if (refused.status().value() == HttpStatus.CONFLICT.value()) {
                throw new ApiException(HttpStatus.CONFLICT, EMAIL_OF_ANOTHER_CUSTOMER);
            }
            throw refused;
        }
    }
}
