package dev.patron.events.flow;

import org.axonframework.serialization.Revision;

/** A field was deleted from flow {@code flowId}. */
@Revision("1")
public record FieldDeleted(String fieldId, String flowId) implements FlowDefinitionEvent {
}
