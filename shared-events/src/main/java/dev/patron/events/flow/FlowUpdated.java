package dev.patron.events.flow;

import org.axonframework.serialization.Revision;

/** A flow's definition changed; the event holds all of it as it is now. */
@Revision("1")
public record FlowUpdated(String flowId, String slug, String name, String description, boolean enabled)
        implements FlowDefinitionEvent {
}
