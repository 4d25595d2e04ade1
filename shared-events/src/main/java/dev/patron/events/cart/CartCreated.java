package dev.patron.events.cart;

import org.axonframework.serialization.Revision;

/**
 * A cart came into being on the first use of its reference, which the client chose. Its prices are in
 * {@code currency} (ISO 4217) from then on.
 */
@Revision("1")
public record CartCreated(String cartReference, String currency) {
}
