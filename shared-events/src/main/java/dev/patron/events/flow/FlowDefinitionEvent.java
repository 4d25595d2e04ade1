package dev.patron.events.flow;

/**
 * A change of the store's flows and fields: what the one {@code flow-definitions} stream holds, and what a reader that
 * keeps the definitions folded follows, whichever change it is.
 */
public interface FlowDefinitionEvent {
}
