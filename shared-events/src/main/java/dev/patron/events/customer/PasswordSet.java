package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A customer's password was set for the first time or changed. Only the Argon2id hash (PHC string format) is
 * carried; the plaintext never leaves the request that supplied it.
 */
@Revision("1")
public record PasswordSet(
        @DataSubjectId String customerId,
        @PersonalData String passwordHash) {
}
