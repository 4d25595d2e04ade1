package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import org.axonframework.serialization.Revision;

/**
 * A customer signed in and was given a customer token. Ends any run of failed password attempts, and with it a
 * lockout.
 *
 * @param mechanism how: {@code password} or {@code oidc}, as the contract's {@code authentication_mechanism}
 */
@Revision("1")
public record CustomerSignedIn(
        @DataSubjectId String customerId,
        String mechanism) {
}
