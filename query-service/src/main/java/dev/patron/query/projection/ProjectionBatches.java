package dev.patron.query.projection;

import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.order.OrderAnonymized;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.privacy.StorageSweep;
import dev.patron.progress.Projections;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Makes a processor's batch of events one unit for the read models: before the first event, the data keys of the
 * batch's customers and the documents its events will read are loaded in a few lookups; after the last, everything
 * the events changed is written, one bulk write per collection. That happens before the processor stores its token
 * (when the unit of work commits), so a crash in between makes the processor apply the batch again, which the
 * handlers' version checks make harmless. A batch that fails is forgotten and applied again.
 * <p>
 * A batch of the live processor is also the unit of a rebuild's hand-over ({@link ReadModelRebuild}): it holds
 * {@link #handover} from its first event until its unit of work is cleaned up (after the token is stored), works on
 * the generation current when it began, and records the token of its last event, so that a rebuild holding the lock
 * knows exactly which events the live processor has written into the current generation, and no batch straddles a
 * switch.
 * <p>
 * Registered as a handler interceptor of the projection's processor only (see {@link ProjectionConfiguration}). It is
 * deliberately no {@code MessageHandlerInterceptor} bean: Axon's Spring Boot auto-configuration registers every such
 * bean with every event processor, which would run it twice per message here (and on other processors).
 */
@Component
class ProjectionBatches {

    /** Where the tracking processor keeps the segment a batch belongs to, in the batch's unit of work. */
    private static final String SEGMENT_RESOURCE = "Processor[" + Projections.CUSTOMERS + "]/SegmentId";

    private final List<BatchedReadModel> readModels;
    private final DataKeyStore dataKeys;
    private final ReadModelCollections collections;
    private final StorageSweep storageSweep;
    private final ClaimFence claimFence;
    /** Held by each live batch and by a rebuild while it catches up the last events and switches. */
    private final ReentrantLock handover = new ReentrantLock();
    /** The token of the last event a committed live batch applied (under {@link #handover}). */
    private volatile TrackingToken liveApplied;

    ProjectionBatches(List<BatchedReadModel> readModels, DataKeyStore dataKeys, ReadModelCollections collections,
                      StorageSweep storageSweep, ClaimFence claimFence) {
        this.claimFence = claimFence;
        this.readModels = readModels;
        this.dataKeys = dataKeys;
        this.collections = collections;
        this.storageSweep = storageSweep;
    }

    Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)) {
            return interceptorChain.proceed();
        }
        if (batch.isFirstMessage()) {
            handover.lock();
            batch.onCleanup(done -> {
                collections.unpin();
                handover.unlock();
            });
            collections.pin(collections.current());
            @SuppressWarnings("unchecked") // the interceptor is registered for event processors only
            List<? extends EventMessage<?>> events = (List<? extends EventMessage<?>>) batch.getMessages();
            batch.onRollback(failed -> discard());
            batch.afterCommit(committed -> {
                if (events.get(events.size() - 1) instanceof TrackedEventMessage<?> last) {
                    liveApplied = last.trackingToken();
                }
                if (events.stream().anyMatch(ProjectionBatches::erasesPersonalData)) {
                    // The batch removed someone's personal data from the read models: out of the database's files too.
                    storageSweep.request();
                }
            });
            begin(events);
        }
        Object result = interceptorChain.proceed();
        if (batch.isLastMessage()) {
            int segment = batch.getResource(SEGMENT_RESOURCE);
            flush(() -> claimFence.renew(Projections.CUSTOMERS, segment));
        }
        return result;
    }

    /** Starts a batch of {@code events} on this thread's generation: loads the keys and documents they will read. */
    void begin(List<? extends EventMessage<?>> events) {
        readModels.forEach(readModel -> readModel.collections().forEach(BatchedCollection::begin));
        prefetch(events);
    }

    /** Starts a batch of a rebuild, on the new generation this thread is pinned to and fills. */
    void beginFilling(List<? extends EventMessage<?>> events) {
        readModels.forEach(readModel -> readModel.collections().forEach(BatchedCollection::beginFilling));
        prefetch(events);
    }

    /** The rebuild is over: what it remembered of the generation it filled is let go. */
    void forgetFilled() {
        readModels.forEach(readModel -> readModel.collections().forEach(BatchedCollection::forgetFilled));
    }

    private void prefetch(List<? extends EventMessage<?>> events) {
        // Customers and orders are their own events' aggregates; reading those events' personal data needs their keys.
        dataKeys.prefetchForReading(events.stream().filter(DomainEventMessage.class::isInstance)
                .map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier()).distinct().toList());
        readModels.forEach(readModel -> readModel.prefetch(events));
    }

    /** Writes what the batch changed, one bulk write per collection. */
    void flush() {
        flush(() -> { });
    }

    /** The same, running {@code beforeEachWrite} right before each collection's write (see {@link ClaimFence}). */
    private void flush(Runnable beforeEachWrite) {
        readModels.forEach(readModel -> readModel.collections().forEach(collection -> collection.flush(beforeEachWrite)));
    }

    void discard() {
        readModels.forEach(readModel -> readModel.collections().forEach(BatchedCollection::discard));
    }

    private static boolean erasesPersonalData(EventMessage<?> event) {
        return event.getPayload() instanceof CustomerDeleted || event.getPayload() instanceof OrderAnonymized;
    }

    ReentrantLock handover() {
        return handover;
    }

    /** What the live processor has applied: the token of its last committed batch's last event; null for none. */
    TrackingToken liveApplied() {
        return liveApplied;
    }

    List<BatchedReadModel> readModels() {
        return readModels;
    }
}
