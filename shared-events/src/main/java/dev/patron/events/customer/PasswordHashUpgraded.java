package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A customer's imported password hash, made by their store's previous platform, was replaced by Patron's own
 * Argon2id hash (PHC string format) of the same password, at the first sign-in that proved the password. The password
 * did not change: this is no change of the customer resource, and tokens issued before it stay valid.
 */
@Revision("1")
public record PasswordHashUpgraded(
        @DataSubjectId String customerId,
        @PersonalData String passwordHash) {
}
