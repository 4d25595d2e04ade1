package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import org.axonframework.serialization.Revision;

/**
 * A customer signed in after failed password sign-ins, which ends their run and any lockout. Sign-ins that follow no
 * failure are not recorded, so that routine visits do not grow the customer's history.
 *
 * @param mechanism how: {@code password} or {@code oidc}, as the contract's {@code authentication_mechanism}
 */
@Revision("1")
public record CustomerSignedIn(
        @DataSubjectId String customerId,
        String mechanism) {
}
