package dev.patron.command.cart;

/**
 * A cart change that breaks one of the cart's rules (too many lines, too large a quantity, an empty cart checked out,
 * a cart of another customer): answered as a 422 naming {@code source}.
 */
public class CartRuleException extends RuntimeException {

    private final String source;

    public CartRuleException(String source, String detail) {
        super(detail);
        this.source = source;
    }

    public String source() {
        return source;
    }
}
