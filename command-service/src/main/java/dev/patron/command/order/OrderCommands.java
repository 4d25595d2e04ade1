package dev.patron.command.order;

import dev.patron.command.cart.CartAccess;
import dev.patron.events.order.OrderPlaced;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of checkout and of an order's life. */
public final class OrderCommands {

    private OrderCommands() {
    }

    /**
     * Checks the cart out as a new order (handled by {@link CheckoutHandler}, which sees both).
     *
     * @param customerId the customer the order belongs to, whose name and email it keeps; {@code null} for a guest
     * @param guest      a guest's name and email; {@code null} for a customer's order
     */
    public record PlaceOrder(String orderId, String cartReference, CartAccess access, String customerId,
                             OrderPlaced.Buyer guest, OrderPlaced.Address billingAddress,
                             OrderPlaced.Address shippingAddress) {
    }

    /** @param method {@code purchase}, {@code authorize} or {@code capture} */
    public record PayForOrder(@TargetAggregateIdentifier String orderId, String transactionId, String gateway,
                              String method) {
    }

    public record FulfilOrder(@TargetAggregateIdentifier String orderId) {
    }

    public record CancelOrder(@TargetAggregateIdentifier String orderId) {
    }

    /** Erases the personal data of every order named, or of none when one of them does not exist. */
    public record AnonymizeOrders(java.util.List<String> orderIds) {
    }
}
