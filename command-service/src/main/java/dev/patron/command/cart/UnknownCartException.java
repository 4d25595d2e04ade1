package dev.patron.command.cart;

/** No such cart, or one the caller may not reach (another customer's): the same answer, revealing nothing. */
public class UnknownCartException extends RuntimeException {

    public UnknownCartException(String reference) {
        super("No cart " + reference + " within reach");
    }
}
