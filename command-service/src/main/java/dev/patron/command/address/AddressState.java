package dev.patron.command.address;

import dev.patron.events.address.AddressCreated;
import java.time.Instant;
import java.util.Map;

/**
 * An address as the aggregate knows it right after a command, which is what the command's caller gets back.
 *
 * @param version   the sequence number of the address's latest event, which the read model must have reached
 *                  before a read is sure to see this state
 * @param updatedAt the time of the latest event
 * @param customFields the custom field values stored, personal or not, by slug
 */
public record AddressState(
        String addressId,
        String customerId,
        AddressCreated.Details details,
        Instant createdAt,
        Instant updatedAt,
        long version,
        Map<String, Object> customFields) {
}
