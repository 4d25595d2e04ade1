package dev.patron.customfields;

import java.time.Instant;

/** A flow as it is now. */
public record FlowRecord(String id, String slug, String name, String description, boolean enabled,
                         Instant createdAt, Instant updatedAt) {
}
