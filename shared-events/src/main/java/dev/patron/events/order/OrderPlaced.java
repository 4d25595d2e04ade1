package dev.patron.events.order;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A cart was checked out: the order as it will always read, whatever happens to the cart or the customer later.
 * Observable as {@code order.created}.
 * <p>
 * The buyer's name and email and both addresses are personal data, encrypted with the order's own data key: the back
 * office can erase them order by order ({@link OrderAnonymized}). An order of a customer has its key kept under the
 * customer's key, so erasing the customer erases their orders' personal data too. Amounts, items and the customer
 * id (a random id that says nothing once the customer is gone) stay for the store's books.
 *
 * @param customerId the customer the order belongs to, or {@code null} for a guest's order, which never belongs to
 *                   anyone
 * @param currency   ISO 4217; every amount is an integer in its minor unit
 */
@Revision("1")
public record OrderPlaced(
        @DataSubjectId String orderId,
        String cartReference,
        String customerId,
        @PersonalData Buyer buyer,
        @PersonalData Address billingAddress,
        @PersonalData Address shippingAddress,
        String currency,
        List<Item> items,
        Totals totals) {

    /** Who placed the order, as they gave it (a customer's name and email at the time of checkout). */
    public record Buyer(String name, String email) {
    }

    /**
     * Where the bill and the parcel go. A billing address has no {@code phoneNumber} nor {@code instructions};
     * optional parts are {@code null} when not given.
     */
    public record Address(
            String firstName,
            String lastName,
            String companyName,
            String line1,
            String line2,
            String city,
            String postcode,
            String county,
            String country,
            String phoneNumber,
            String instructions) {
    }

    /** One line of the order, copied from the cart. */
    public record Item(
            String itemId,
            String sku,
            String name,
            String description,
            int quantity,
            long unitAmount,
            boolean includesTax,
            long value) {
    }

    /** Computed from the items at checkout, never taken from a client. */
    public record Totals(long withoutTax, long tax, long withTax) {
    }
}
