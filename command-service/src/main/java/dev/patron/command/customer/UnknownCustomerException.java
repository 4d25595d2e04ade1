package dev.patron.command.customer;

/** A command names a customer that does not exist or was deleted. */
public class UnknownCustomerException extends RuntimeException {

    public UnknownCustomerException(String customerId) {
        super("No customer " + customerId);
    }
}
