package dev.patron.events.order;

import org.axonframework.serialization.Revision;

/** The order was shipped. */
@Revision("1")
public record OrderFulfilled(String orderId) {
}
