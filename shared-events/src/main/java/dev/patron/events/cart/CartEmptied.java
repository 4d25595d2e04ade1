package dev.patron.events.cart;

import org.axonframework.serialization.Revision;

/** Every item was taken out of a cart at once, on request. */
@Revision("1")
public record CartEmptied(String cartReference) {
}
