package dev.patron.command.address;

import dev.patron.events.address.AddressCreated;

/** Changes some parts of a customer's address: every {@code null} part of {@code changes} stays as it is. */
public record UpdateAddress(String customerId, String addressId, AddressCreated.Details changes) {
}
