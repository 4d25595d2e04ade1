package dev.patron.events.address;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * An address changed. Carries the complete address after the change (not a diff), so a consumer can apply it
 * without knowing what came before, custom field values included (revision 2).
 */
@Revision("2")
public record AddressUpdated(
        String addressId,
        @DataSubjectId String customerId,
        @PersonalData AddressCreated.Details details,
        @PersonalData Map<String, Object> customFields,
        Map<String, Object> customFieldsInClear) {

    /** Absent in revision 1; {@code customFields} also reads as {@code null} once the data key is destroyed. */
    public AddressUpdated {
        customFields = customFields == null ? Map.of() : customFields;
        customFieldsInClear = customFieldsInClear == null ? Map.of() : customFieldsInClear;
    }

    /** An address without custom field values. */
    public AddressUpdated(String addressId, String customerId, AddressCreated.Details details) {
        this(addressId, customerId, details, Map.of(), Map.of());
    }
}
