package dev.patron.events.order;

import org.axonframework.serialization.Revision;

/**
 * The order's total was paid through {@code gateway}, by a purchase or by capturing an earlier authorization
 * ({@code method}: {@code purchase} or {@code capture}), as the transaction {@code transactionId}; the order is complete.
 */
@Revision("1")
public record OrderPaid(String orderId, String transactionId, String gateway, String method) {
}
