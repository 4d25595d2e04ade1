package dev.patron.command.address;

import dev.patron.customfields.FieldValues;
import dev.patron.events.address.AddressCreated;
import java.util.List;

/**
 * Changes some parts of a customer's address: every {@code null} part of {@code changes} stays as it is, as does every
 * custom value {@code customFields} does not set (a {@code null} value removes one).
 */
public record UpdateAddress(String customerId, String addressId, AddressCreated.Details changes,
                            List<FieldValues.Change> customFields) {
}
