package dev.patron.command.integration;

import java.time.Instant;
import java.util.List;

/**
 * A webhook integration as stored: where to send which observable events, signed with which secret. {@code version}
 * counts its changes, so that two back-office users changing it at once cannot overwrite each other unseen.
 */
record Integration(String id, String name, String description, boolean enabled, List<String> observes, String url,
                   String secret, Instant createdAt, Instant updatedAt, long version) {

    boolean wants(String observableType, Instant eventTime) {
        // An integration is told about what happens from its creation on, even when the processor reads those
        // events later; older events were never promised to it.
        return enabled && observes.contains(observableType) && !eventTime.isBefore(createdAt);
    }
}
