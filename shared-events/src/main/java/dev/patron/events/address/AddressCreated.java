package dev.patron.events.address;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A customer added an address. The address is personal data of that customer and is encrypted with the
 * customer's data key, so erasing the customer erases their addresses too. Custom field values of an
 * {@code addresses} flow (revision 2) are carried as a customer's are ({@code CustomerCreated}); revision 1 had none.
 */
@Revision("2")
public record AddressCreated(
        String addressId,
        @DataSubjectId String customerId,
        @PersonalData Details details,
        @PersonalData Map<String, Object> customFields,
        Map<String, Object> customFieldsInClear) {

    /** Absent in revision 1; {@code customFields} also reads as {@code null} once the data key is destroyed. */
    public AddressCreated {
        customFields = customFields == null ? Map.of() : customFields;
        customFieldsInClear = customFieldsInClear == null ? Map.of() : customFieldsInClear;
    }

    /** An address without custom field values. */
    public AddressCreated(String addressId, String customerId, Details details) {
        this(addressId, customerId, details, Map.of(), Map.of());
    }

    /**
     * What an address says, as {@link AddressCreated} and {@link AddressUpdated} carry it: encrypted as one value,
     * which reads as {@code null} once the customer's data key is destroyed. Nested, because every top-level type of
     * this package is an event. Optional parts are {@code null} when not given; {@code country} is an
     * ISO 3166-1 alpha-2 code.
     *
     * @param name a label of the customer's choosing ("home", "office")
     */
    public record Details(
            String name,
            String firstName,
            String lastName,
            String companyName,
            String phoneNumber,
            String instructions,
            String line1,
            String line2,
            String city,
            String county,
            String region,
            String postcode,
            String country) {
    }
}
