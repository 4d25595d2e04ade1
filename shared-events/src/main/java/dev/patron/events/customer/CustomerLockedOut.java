package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import org.axonframework.serialization.Revision;

/**
 * Too many password sign-ins failed in a row: password sign-ins are refused, without being checked, for
 * {@code lockoutSeconds} from this event's timestamp.
 */
@Revision("1")
public record CustomerLockedOut(
        @DataSubjectId String customerId,
        int lockoutSeconds) {
}
