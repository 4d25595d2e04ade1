package dev.patron.command.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.command.address.AddressInput;
import dev.patron.command.customer.EmailAddresses;
import dev.patron.contract.ApiException;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import dev.patron.contract.Validation;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.order.OrderPlaced;
import org.springframework.http.HttpStatus;

/**
 * The body of a checkout, as the SDK's {@code Cart(ref).Checkout(customer, billing, shipping)} sends it:
 * {@code {"data":{"customer":{"id":..} | {"name":..,"email":..},"billing_address":{..},"shipping_address":{..}}}}.
 * The addresses are checked by the rules of a customer's address (400 for a part of the wrong JSON type, 422 naming
 * every part that breaks a rule).
 *
 * @param customerId the customer to check out as; {@code null} for a guest
 * @param guest      the guest's name and email; {@code null} for a customer
 */
record CheckoutInput(String customerId, OrderPlaced.Buyer guest, OrderPlaced.Address billingAddress,
                     OrderPlaced.Address shippingAddress) {

    private static final TextRule NAME = TextRule.line(255);

    static CheckoutInput read(JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The body must be a JSON object with a \"data\" object", "data");
        }
        RequestDocument customer = RequestDocument.nested(data.get("customer"), "data.customer");
        String customerId = customer.text("id", TextRule.ID);
        String name = customer.text("name", NAME);
        String email = customer.text("email", EmailAddresses.TEXT);
        Validation validation = Validation.of(customer);
        customer.requireWellFormed();
        OrderPlaced.Address billing = address(data, "billing_address", false);
        OrderPlaced.Address shipping = address(data, "shipping_address", true);

        if (customerId != null) {
            if (name != null || email != null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "customer is either {id} (a customer's checkout) or "
                        + "{name, email} (a guest's), not both", "data.customer");
            }
            validation.check(!customerId.isBlank(), "data.customer.id", "id must not be blank").throwIfInvalid();
            return new CheckoutInput(customerId, null, billing, shipping);
        }
        validation.check(name != null && !name.isBlank(), "data.customer.name",
                "name is required for a guest's checkout (or give the customer's id)");
        validation.check(email != null && EmailAddresses.isValid(email), "data.customer.email",
                "email must be an email address, such as ron@swanson.com");
        validation.throwIfInvalid();
        return new CheckoutInput(null, new OrderPlaced.Buyer(name, email.strip()), billing, shipping);
    }

    private static OrderPlaced.Address address(JsonNode data, String field, boolean shipping) {
        AddressCreated.Details details = AddressInput.toOrderAddress(
                RequestDocument.nested(data.get(field), "data." + field), shipping);
        return new OrderPlaced.Address(details.firstName(), details.lastName(), details.companyName(), details.line1(),
                details.line2(), details.city(), details.postcode(), details.county(), details.country(),
                details.phoneNumber(), details.instructions());
    }
}
