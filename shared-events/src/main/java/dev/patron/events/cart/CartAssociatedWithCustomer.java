package dev.patron.events.cart;

import org.axonframework.serialization.Revision;

/**
 * A cart became one of a customer's carts. From then on a storefront reaches it only with that customer's token.
 */
@Revision("1")
public record CartAssociatedWithCustomer(String cartReference, String customerId) {
}
