package dev.patron.command.address;

/** An address command names a customer that does not exist or was deleted. */
class UnknownCustomerException extends RuntimeException {

    UnknownCustomerException(String customerId) {
        super("No customer " + customerId);
    }
}
