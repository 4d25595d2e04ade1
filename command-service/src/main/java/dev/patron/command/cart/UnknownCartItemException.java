package dev.patron.command.cart;

/** The cart has no item of that id. */
public class UnknownCartItemException extends RuntimeException {

    public UnknownCartItemException(String itemId) {
        super("No item " + itemId + " in the cart");
    }
}
