package dev.patron.events.address;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * An address changed. Carries the complete address after the change (not a diff), so a consumer can apply it
 * without knowing what came before.
 */
@Revision("1")
public record AddressUpdated(
        String addressId,
        @DataSubjectId String customerId,
        @PersonalData AddressCreated.Details details) {
}
