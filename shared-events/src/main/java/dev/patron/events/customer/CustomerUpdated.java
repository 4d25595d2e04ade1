package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A customer's details changed. Carries the complete details after the change (not a diff), so a consumer can
 * apply it without knowing what came before.
 */
@Revision("1")
public record CustomerUpdated(
        @DataSubjectId String customerId,
        @PersonalData String name,
        @PersonalData String email,
        @PersonalData String externalRef) {
}
