package dev.patron.command.address;

import dev.patron.customfields.FieldValues;
import dev.patron.events.address.AddressCreated;
import java.util.List;

/**
 * Adds an address to a customer, under an id chosen by the caller, with the custom field values given (already
 * checked against the definitions).
 */
public record CreateAddress(String customerId, String addressId, AddressCreated.Details details,
                            List<FieldValues.Change> customFields) {
}
