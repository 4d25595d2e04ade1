package dev.patron.events.flow;

import org.axonframework.serialization.Revision;

/** A flow was deleted; it had no fields left. */
@Revision("1")
public record FlowDeleted(String flowId) implements FlowDefinitionEvent {
}
