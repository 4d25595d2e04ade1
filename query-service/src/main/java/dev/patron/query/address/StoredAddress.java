package dev.patron.query.address;

import dev.patron.events.address.AddressCreated.Details;
import java.time.Instant;
import java.util.Map;

/**
 * One address as the read model keeps it, or the mark a deleted one leaves. {@code version} is the sequence number
 * of the address's last event applied, which is what makes redelivery harmless and what the command service waits
 * for to give read-your-writes. A deleted address keeps only its id and version, so that an older event of it
 * delivered again cannot bring it back.
 *
 * @param details      {@code null} for a deleted address, and for one whose customer's data key was destroyed
 *                     (read again during a replay, before the customer's deletion is)
 * @param customFields every custom field value stored, by slug; which are shown is decided on each read
 */
record StoredAddress(String id, long version, Details details, Instant createdAt, Instant updatedAt, boolean deleted,
                     Map<String, Object> customFields) {

    static StoredAddress created(String id, long version, Details details, Map<String, Object> customFields,
                                 Instant at) {
        return new StoredAddress(id, version, details, at, at, false, customFields);
    }

    static StoredAddress deleted(String id, long version) {
        return new StoredAddress(id, version, null, null, null, true, Map.of());
    }

    StoredAddress updated(long version, Details details, Map<String, Object> customFields, Instant at) {
        return new StoredAddress(id, version, details, createdAt, at, false, customFields);
    }

    /** Whether a client may see it: not deleted, and not erased. */
    boolean isShown() {
        return !deleted && details != null;
    }
}
