package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A customer was registered. The password, if one was given, follows as {@link PasswordSet} in the same commit. */
@Revision("1")
public record CustomerCreated(
        @DataSubjectId String customerId,
        @PersonalData String name,
        @PersonalData String email,
        @PersonalData String externalRef) {
}
