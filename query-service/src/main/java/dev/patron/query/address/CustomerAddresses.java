package dev.patron.query.address;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the read model holds about one customer's addresses: every address ever added, by id, deleted ones as
 * marks; or, once the customer is deleted, nothing but that fact.
 */
record CustomerAddresses(String customerId, boolean customerDeleted, Map<String, StoredAddress> addresses) {

    private static final Comparator<StoredAddress> OLDEST_FIRST =
            Comparator.comparing(StoredAddress::createdAt).thenComparing(StoredAddress::id);

    Optional<StoredAddress> address(String addressId) {
        return Optional.ofNullable(addresses.get(addressId));
    }

    /** The addresses a client may see, oldest first (ties by id), so that paging through them is stable. */
    List<StoredAddress> shown() {
        return addresses.values().stream().filter(StoredAddress::isShown).sorted(OLDEST_FIRST).toList();
    }
}
