package dev.patron.command.address;

/**
 * An address command names an address that does not exist, was deleted, or belongs to another customer: the
 * same failure for all three, so a caller learns nothing about other customers' addresses.
 */
class UnknownAddressException extends RuntimeException {

    UnknownAddressException(String addressId) {
        super("No address " + addressId + " of this customer");
    }
}
