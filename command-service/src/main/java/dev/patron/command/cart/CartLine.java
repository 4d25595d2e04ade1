package dev.patron.command.cart;

import java.time.Instant;

/**
 * One line of a cart. Amounts are integers in the minor unit of the cart's currency.
 *
 * @param addedAt   when the line was added; {@code changedAt} when its quantity last changed
 */
public record CartLine(
        String itemId,
        String sku,
        String name,
        String description,
        int quantity,
        long unitAmount,
        boolean includesTax,
        Instant addedAt,
        Instant changedAt) {

    /** Cannot overflow: quantities and unit amounts are bounded ({@link Cart#MAX_QUANTITY}, {@link Cart#MAX_UNIT_AMOUNT}). */
    public long value() {
        return Math.multiplyExact(unitAmount, (long) quantity);
    }

    CartLine withQuantity(int newQuantity, Instant at) {
        return new CartLine(itemId, sku, name, description, newQuantity, unitAmount, includesTax, addedAt, at);
    }

    boolean samePriceAndProductAs(CartItem item) {
        return sku.equals(item.sku()) && name.equals(item.name()) && unitAmount == item.unitAmount()
                && includesTax == item.includesTax() && java.util.Objects.equals(description, item.description());
    }
}
