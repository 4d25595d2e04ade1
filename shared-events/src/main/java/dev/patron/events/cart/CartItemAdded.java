package dev.patron.events.cart;

import org.axonframework.serialization.Revision;

/**
 * A custom item was put in a cart. Amounts are integers in the minor unit of the cart's currency (cents for USD).
 *
 * @param unitAmount  the price of one, as the client gave it
 * @param includesTax whether {@code unitAmount} already includes tax
 */
@Revision("1")
public record CartItemAdded(
        String cartReference,
        String itemId,
        String sku,
        String name,
        String description,
        int quantity,
        long unitAmount,
        boolean includesTax) {
}
