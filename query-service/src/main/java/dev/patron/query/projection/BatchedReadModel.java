package dev.patron.query.projection;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;

/** A read model whose writes are gathered over a batch of events (see {@link BatchedCollection}). */
public interface BatchedReadModel {

    /**
     * Its collections, in the order they are written at the end of a batch: the documents that mark events as applied
     * last, so that a crash in between leaves those events to be applied again.
     */
    List<BatchedCollection> collections();

    /** Loads, before the batch is applied, the documents its events will read. */
    void prefetch(List<? extends EventMessage<?>> events);

    /** Creates the indexes its collections need in {@code generation} (a rebuild's new collections start bare). */
    default void createIndexes(long generation) {
    }
}
