package dev.patron.command.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.contract.OrderResource;
import dev.patron.contract.ResourceIdentifier;

/** A payment of an order, as the contract answers {@code POST /v2/orders/:id/payments}. */
record TransactionResource(
        String type,
        String id,
        String gateway,
        long amount,
        String currency,
        @JsonProperty("transaction_type") String transactionType,
        String status,
        Relationships relationships) {

    static final String TYPE = "transaction";

    /** @param method {@code purchase}, {@code authorize} or {@code capture}, which is what the transaction did */
    static TransactionResource of(String transactionId, String gateway, String method, OrderState order) {
        String status = Order.AUTHORIZE.equals(method) ? "pending" : "complete";
        return new TransactionResource(TYPE, transactionId, gateway, order.totals().withTax(), order.currency(), method,
                status, new Relationships(new OrderLink(new ResourceIdentifier(OrderResource.TYPE, order.orderId()))));
    }

    record Relationships(OrderLink order) {
    }

    record OrderLink(ResourceIdentifier data) {
    }
}
