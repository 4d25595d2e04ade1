package dev.patron.events.address;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A customer added an address. The address is personal data of that customer and is encrypted with the
 * customer's data key, so erasing the customer erases their addresses too.
 */
@Revision("1")
public record AddressCreated(
        String addressId,
        @DataSubjectId String customerId,
        @PersonalData Details details) {

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
