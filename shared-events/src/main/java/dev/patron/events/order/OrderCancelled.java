package dev.patron.events.order;

import org.axonframework.serialization.Revision;

/** An order that was not paid was cancelled. */
@Revision("1")
public record OrderCancelled(String orderId) {
}
