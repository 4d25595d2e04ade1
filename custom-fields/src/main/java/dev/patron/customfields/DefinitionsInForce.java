package dev.patron.customfields;

import dev.patron.eventstore.MongoEventStorageEngine;
import dev.patron.events.flow.FlowDefinitionEvent;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The definitions of the flow-definitions stream, folded in memory, for every request that reads or writes custom
 * field values. {@link #current()} first asks the event store whether the stream has an event after the last one
 * folded (one lookup by sequence key, an index lookup on every server) and folds what is new: a write checks values
 * against the definitions as they are, whichever instance changed them. {@link #known()} answers from memory, for a
 * reader that folds each change as its projection reads it from the log (the query service), so a read costs no
 * lookup.
 */
public class DefinitionsInForce {

    private final MongoEventStorageEngine eventStore;
    private final DefinitionsFold fold = new DefinitionsFold();
    private long nextSequence;
    private volatile Definitions current = Definitions.NONE;
    private volatile boolean loaded;

    public DefinitionsInForce(EventStorageEngine eventStore) {
        if (!(eventStore instanceof MongoEventStorageEngine patronEventStore)) {
            throw new IllegalStateException("Custom field definitions are read from Patron's own event store, not "
                    + eventStore);
        }
        this.eventStore = patronEventStore;
    }

    public synchronized Definitions current() {
        if (eventStore.hasEventAt(Definitions.STREAM, nextSequence)) {
            eventStore.readEvents(Definitions.STREAM, nextSequence).asStream().forEach(this::fold);
            current = fold.definitions();
        }
        loaded = true;
        return current;
    }

    /** The fields in force for a flow slug now ({@link Definitions#inForce}). */
    public List<FieldRecord> inForce(String flowSlug) {
        return current().inForce(flowSlug);
    }

    /** The definitions as last folded, read from the store the first time. */
    public Definitions known() {
        return loaded ? current : current();
    }

    private void fold(DomainEventMessage<?> event) {
        // The stream holds nothing else.
        fold.apply((FlowDefinitionEvent) event.getPayload(), event.getTimestamp());
        nextSequence = event.getSequenceNumber() + 1;
    }
}
