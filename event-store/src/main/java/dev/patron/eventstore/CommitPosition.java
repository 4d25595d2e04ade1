package dev.patron.eventstore;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.OptionalLong;

/**
 * Where a unit of work's events landed in the global log: the highest global index the engine gave any of them.
 * A writer that answers only once a reader has caught up (read-your-writes) asks for it after its unit of work
 * committed, and waits until the reader's position covers it.
 * <p>
 * Kept as a resource of the root unit of work, because events are appended when the root commits, also for commands
 * dispatched inside it (nested units of work hand their events up to the root).
 */
public final class CommitPosition {

    private static final String RESOURCE = CommitPosition.class.getName();

    private CommitPosition() {
    }

    /** Called by the engine as it appends; outside a unit of work (tools, tests) there is nobody to tell. */
    static void record(long lastGlobalIndex) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources()
                             .merge(RESOURCE, lastGlobalIndex, (earlier, later) -> Math.max((Long) earlier, (Long) later));
        }
    }

    /** The highest global index appended by the unit of work (or a unit of work nested in it); empty if none. */
    public static OptionalLong of(UnitOfWork<?> unitOfWork) {
        Long position = unitOfWork.root().getResource(RESOURCE);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
