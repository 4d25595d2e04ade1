package dev.patron.command.customer.login;

import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.PasswordSet;
import dev.patron.kit.security.CustomerTokenRevocations;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Follows the Customer aggregate's credential changes outside it: a new password revokes the customer tokens
 * issued before it, a deletion revokes them all and forgets the customer's single sign-on links. Handled in the
 * unit of work that stores the event (a subscribing processor, see {@link SignInConfiguration}), so that the
 * request making the change is answered only after earlier tokens have stopped working.
 */
@Component
@ProcessingGroup(CustomerCredentialChanges.PROCESSING_GROUP)
class CustomerCredentialChanges {

    static final String PROCESSING_GROUP = "customer-credential-changes";

    private final CustomerTokenRevocations revocations;
    private final OidcLinks oidcLinks;

    CustomerCredentialChanges(CustomerTokenRevocations revocations, OidcLinks oidcLinks) {
        this.revocations = revocations;
        this.oidcLinks = oidcLinks;
    }

    /** The event's sequence number is the credential version that the customer's new tokens carry. */
    @EventHandler
    void on(PasswordSet event, @SequenceNumber long sequence) {
        revocations.revokeBefore(event.customerId(), sequence);
    }

    @EventHandler
    void on(CustomerDeleted event) {
        revocations.revokeAll(event.customerId());
        oidcLinks.forgetCustomer(event.customerId());
    }
}
