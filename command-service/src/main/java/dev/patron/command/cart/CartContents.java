package dev.patron.command.cart;

import java.time.Instant;
import java.util.List;

/**
 * A cart as the aggregate knows it right after a command: what a cart write answers with, and what a checkout turns
 * into an order.
 *
 * @param customerId the customer the cart belongs to, or {@code null}
 * @param lines      in the order they were added
 */
public record CartContents(
        String reference,
        String currency,
        String customerId,
        List<CartLine> lines,
        Instant createdAt,
        Instant updatedAt) {

    public long total() {
        return lines.stream().mapToLong(CartLine::value).sum();
    }
}
