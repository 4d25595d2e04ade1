package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import org.axonframework.serialization.Revision;

/**
 * A password sign-in for this customer's email address failed. Nothing of the attempted password is recorded.
 *
 * @param consecutiveFailures the failures in a row so far, this one included
 */
@Revision("1")
public record CustomerSignInFailed(
        @DataSubjectId String customerId,
        int consecutiveFailures) {
}
