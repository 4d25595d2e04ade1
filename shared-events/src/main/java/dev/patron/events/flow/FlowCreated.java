package dev.patron.events.flow;

import org.axonframework.serialization.Revision;

/**
 * A flow was defined: a named set of custom fields. A flow whose slug is {@code customers} or {@code addresses}
 * extends that resource; any other slug defines fields that extend nothing Patron serves (yet).
 */
@Revision("1")
public record FlowCreated(String flowId, String slug, String name, String description, boolean enabled)
        implements FlowDefinitionEvent {
}
