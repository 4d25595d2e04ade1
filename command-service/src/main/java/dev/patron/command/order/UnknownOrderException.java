package dev.patron.command.order;

/** The order at {@code index} of a request's list does not exist. */
class UnknownOrderException extends RuntimeException {

    private final int index;

    UnknownOrderException(int index, String orderId) {
        super("No order " + orderId);
        this.index = index;
    }

    int index() {
        return index;
    }
}
