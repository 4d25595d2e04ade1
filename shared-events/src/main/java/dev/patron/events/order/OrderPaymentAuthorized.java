package dev.patron.events.order;

import org.axonframework.serialization.Revision;

/**
 * A payment of the order's total was authorized (to be captured later) through {@code gateway}, as the transaction
 * {@code transactionId}.
 */
@Revision("1")
public record OrderPaymentAuthorized(String orderId, String transactionId, String gateway) {
}
