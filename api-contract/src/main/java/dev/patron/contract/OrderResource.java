package dev.patron.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.events.order.OrderPlaced;
import java.time.Instant;

/**
 * The contract's order, as both the command side (answering checkout, payments and changes) and the query side show
 * it. The buyer and the addresses are {@code null} once the order's personal data was erased.
 */
public record OrderResource(
        String type,
        String id,
        String status,
        String payment,
        String shipping,
        Buyer customer,
        @JsonInclude(JsonInclude.Include.NON_NULL) Relationships relationships,
        @JsonProperty("billing_address") Address billingAddress,
        @JsonProperty("shipping_address") Address shippingAddress,
        Meta meta) {

    public static final String TYPE = "order";

    /**
     * @param customerId the customer the order belongs to; {@code null} for a guest's order
     * @param buyer      {@code null} once erased, as are the addresses
     */
    public static OrderResource of(String id, String status, String payment, String shipping, String customerId,
                                   OrderPlaced.Buyer buyer, OrderPlaced.Address billingAddress,
                                   OrderPlaced.Address shippingAddress,
                                   String currency, OrderPlaced.Totals totals, Instant createdAt, Instant updatedAt) {
        return new OrderResource(TYPE, id, status, payment, shipping,
                buyer == null ? new Buyer(null, null) : new Buyer(buyer.name(), buyer.email()),
                customerId == null ? null
                        : new Relationships(new Customer(new ResourceIdentifier(CustomerResource.TYPE, customerId))),
                Address.of(billingAddress), Address.of(shippingAddress),
                new Meta(DisplayPrice.of(totals.withoutTax(), totals.tax(), totals.withTax(), currency),
                        new ResourceMeta.Timestamps(createdAt, updatedAt)));
    }

    public record Buyer(String name, String email) {
    }

    public record Relationships(Customer customer) {
    }

    public record Customer(ResourceIdentifier data) {
    }

    public record Meta(@JsonProperty("display_price") DisplayPrice displayPrice, ResourceMeta.Timestamps timestamps) {
    }

    /** A billing or shipping address; a billing address has no phone number nor instructions. */
    public record Address(
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("company_name") String companyName,
            @JsonProperty("line_1") String line1,
            @JsonProperty("line_2") String line2,
            String city,
            String postcode,
            String county,
            String country,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("phone_number") String phoneNumber,
            @JsonInclude(JsonInclude.Include.NON_NULL) String instructions) {

        static Address of(OrderPlaced.Address address) {
            return address == null ? null : new Address(address.firstName(), address.lastName(),
                    address.companyName(), address.line1(), address.line2(), address.city(), address.postcode(),
                    address.county(), address.country(), address.phoneNumber(), address.instructions());
        }
    }
}
