package dev.patron.events.cart;

import org.axonframework.serialization.Revision;

/** The quantity of an item in a cart was set to a new value (at least 1: a removal is {@link CartItemRemoved}). */
@Revision("1")
public record CartItemQuantityChanged(String cartReference, String itemId, int quantity) {
}
