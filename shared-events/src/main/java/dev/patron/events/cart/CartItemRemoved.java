package dev.patron.events.cart;

import org.axonframework.serialization.Revision;

/** An item was taken out of a cart. */
@Revision("1")
public record CartItemRemoved(String cartReference, String itemId) {
}
