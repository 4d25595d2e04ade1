package dev.patron.query.customer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * A customer as the read model keeps it. {@code version} is the sequence number of the last event applied, which is
 * what makes redelivery harmless and what the command service waits for to give read-your-writes. Any personal field
 * may be {@code null} once the customer's data key has been destroyed. {@code customFields} holds every custom field
 * value stored, by slug, whether or not its field is in force: which are shown is decided on each read.
 */
record StoredCustomer(
        String id,
        long version,
        String name,
        String email,
        String externalRef,
        boolean hasPassword,
        Instant createdAt,
        Instant updatedAt,
        Map<String, Object> customFields) {

    StoredCustomer {
        // MongoDB keeps milliseconds; cutting here makes a stored and a re-read customer equal.
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    static StoredCustomer created(String id, long version, String name, String email, String externalRef,
                                  Map<String, Object> customFields, Instant at) {
        return new StoredCustomer(id, version, name, email, externalRef, false, at, at, customFields);
    }

    /** The key under which emails are unique and compared: case-insensitive, as the contract says. */
    String emailKey() {
        return email == null ? null : emailKeyOf(email);
    }

    static String emailKeyOf(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    StoredCustomer withDetails(long version, String name, String email, String externalRef,
                               Map<String, Object> customFields, Instant at) {
        return new StoredCustomer(id, version, name, email, externalRef, hasPassword, createdAt, at, customFields);
    }

    StoredCustomer withPassword(long version, Instant at) {
        return new StoredCustomer(id, version, name, email, externalRef, true, createdAt, at, customFields);
    }
}
