package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A customer was registered. The password, if one was given, follows as {@link PasswordSet} in the same commit.
 * <p>
 * Custom field values (revision 2) are keyed by the field's slug, each a JSON string, number or boolean (a date as
 * {@code 2024-01-31}): {@code customFields} holds those of fields that are personal data, encrypted with the rest,
 * {@code customFieldsInClear} those of fields defined as not personal, which erasure keeps. A revision-1 event has
 * neither and reads with both empty.
 */
@Revision("2")
public record CustomerCreated(
        @DataSubjectId String customerId,
        @PersonalData String name,
        @PersonalData String email,
        @PersonalData String externalRef,
        @PersonalData Map<String, Object> customFields,
        Map<String, Object> customFieldsInClear) {

    /** Absent in revision 1; {@code customFields} also reads as {@code null} once the data key is destroyed. */
    public CustomerCreated {
        customFields = customFields == null ? Map.of() : customFields;
        customFieldsInClear = customFieldsInClear == null ? Map.of() : customFieldsInClear;
    }

    /** A customer without custom field values. */
    public CustomerCreated(String customerId, String name, String email, String externalRef) {
        this(customerId, name, email, externalRef, Map.of(), Map.of());
    }
}
