package dev.patron.customfields;

import dev.patron.eventstore.MongoEventStorageEngine;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The definitions as the flow-definitions stream has them now, for every request that reads or writes custom field
 * values. Kept folded in memory; each call first asks the event store whether the stream has an event after the last
 * one folded (one lookup by sequence key, an index lookup on every server) and folds what is new. So a definition
 * change is seen by the next request of any instance of either service, with no cache to expire or invalidate.
 */
public class DefinitionsInForce {

    private final MongoEventStorageEngine eventStore;
    private final DefinitionsFold fold = new DefinitionsFold();
    private long nextSequence;
    private volatile Definitions current = Definitions.NONE;

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
        return current;
    }

    /** The fields in force for a flow slug now ({@link Definitions#inForce}). */
    public List<FieldRecord> inForce(String flowSlug) {
        return current().inForce(flowSlug);
    }

    private void fold(DomainEventMessage<?> event) {
        fold.apply(event.getPayload(), event.getTimestamp());
        nextSequence = event.getSequenceNumber() + 1;
    }
}
