package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A customer's password was set for the first time or changed. Only a hash is carried: Patron's Argon2id (PHC string
 * format), or for a customer brought in by the import the hash of their store's previous platform in its storage form
 * ({@code {bcrypt}}, {@code {argon2}} or {@code {pbkdf2-sha256}} before the hash as that platform wrote it). The
 * plaintext never leaves the request that supplied it.
 */
@Revision("1")
public record PasswordSet(
        @DataSubjectId String customerId,
        @PersonalData String passwordHash) {
}
