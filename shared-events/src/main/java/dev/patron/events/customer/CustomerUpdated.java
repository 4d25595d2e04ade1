package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A customer's details changed. Carries the complete details after the change (not a diff), so a consumer can
 * apply it without knowing what came before, custom field values included (revision 2, as in
 * {@link CustomerCreated}).
 */
@Revision("2")
public record CustomerUpdated(
        @DataSubjectId String customerId,
        @PersonalData String name,
        @PersonalData String email,
        @PersonalData String externalRef,
        @PersonalData Map<String, Object> customFields,
        Map<String, Object> customFieldsInClear) {

    /** Absent in revision 1; {@code customFields} also reads as {@code null} once the data key is destroyed. */
    public CustomerUpdated {
        customFields = customFields == null ? Map.of() : customFields;
        customFieldsInClear = customFieldsInClear == null ? Map.of() : customFieldsInClear;
    }

    /** A customer without custom field values. */
    public CustomerUpdated(String customerId, String name, String email, String externalRef) {
        this(customerId, name, email, externalRef, Map.of(), Map.of());
    }
}
