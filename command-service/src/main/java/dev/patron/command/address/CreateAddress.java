package dev.patron.command.address;

import dev.patron.events.address.AddressCreated;

/** Adds an address to a customer, under an id chosen by the caller. */
public record CreateAddress(String customerId, String addressId, AddressCreated.Details details) {
}
