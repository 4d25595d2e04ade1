package dev.patron.command.flow;

import dev.patron.events.flow.FieldCreated.Rule;
import java.time.Instant;
import java.util.List;

/** A field as it is now; {@code defaultValue} in canonical text, {@code null} when it has none. */
public record FieldRecord(String id, String flowId, String slug, String name, String description, FieldType type,
                          List<Rule> rules, boolean required, String defaultValue, boolean enabled, int order,
                          Instant createdAt, Instant updatedAt) {
}
