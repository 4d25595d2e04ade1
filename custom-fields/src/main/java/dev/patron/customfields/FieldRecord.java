package dev.patron.customfields;

import dev.patron.events.flow.FieldCreated.Rule;
import java.time.Instant;
import java.util.List;

/**
 * A field as it is now; {@code defaultValue} in canonical text, {@code null} when it has none.
 *
 * @param personalData whether its values are the customer's personal data: encrypted under their key in events and
 *                     erased with them
 */
public record FieldRecord(String id, String flowId, String slug, String name, String description, FieldType type,
                          List<Rule> rules, boolean required, String defaultValue, boolean enabled, int order,
                          boolean personalData, Instant createdAt, Instant updatedAt) {
}
