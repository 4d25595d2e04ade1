package dev.patron.events.cart;

import org.axonframework.serialization.Revision;

/**
 * A cart's items became the order {@code orderId}; the cart is empty again afterwards. Stored in the same append as
 * the order's {@code OrderPlaced}, so a cart is never checked out without its order, nor twice for one content.
 */
@Revision("1")
public record CartCheckedOut(String cartReference, String orderId) {
}
