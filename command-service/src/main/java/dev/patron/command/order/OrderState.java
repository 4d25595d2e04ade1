package dev.patron.command.order;

import dev.patron.events.order.OrderPlaced;
import java.time.Instant;
import java.util.List;

/**
 * An order as the aggregate knows it right after a command, which is what the command's caller gets back.
 *
 * @param customerId {@code null} for a guest's order
 * @param buyer      {@code null} once the order's personal data was erased, as are both addresses
 */
public record OrderState(
        String orderId,
        String customerId,
        OrderPlaced.Buyer buyer,
        OrderPlaced.Address billingAddress,
        OrderPlaced.Address shippingAddress,
        String currency,
        List<OrderPlaced.Item> items,
        OrderPlaced.Totals totals,
        Status status,
        Payment payment,
        Shipping shipping,
        Instant createdAt,
        Instant updatedAt) {

    /** The contract's order statuses ({@code processing} is a payment gateway's, which Patron's manual one never is). */
    public enum Status {
        INCOMPLETE, COMPLETE, CANCELLED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Payment {
        UNPAID, AUTHORIZED, PAID;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Shipping {
        UNFULFILLED, FULFILLED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
