package dev.patron.command.cart;

/** A custom item as a client asks to put it in a cart, checked by {@link CartItemInput}. */
public record CartItem(String sku, String name, String description, int quantity, long unitAmount,
                       boolean includesTax) {
}
