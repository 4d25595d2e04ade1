package dev.patron.query.projection;

import dev.patron.eventstore.privacy.DataKeyStore;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
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
 * Registered as a handler interceptor of the projection's processor only (see {@link ProjectionConfiguration}). It is
 * deliberately no {@code MessageHandlerInterceptor} bean: Axon's Spring Boot auto-configuration registers every such
 * bean with every event processor, which would run it twice per message here (and on other processors).
 */
@Component
class ProjectionBatches {

    private final List<BatchedReadModel> readModels;
    private final DataKeyStore dataKeys;

    ProjectionBatches(List<BatchedReadModel> readModels, DataKeyStore dataKeys) {
        this.readModels = readModels;
        this.dataKeys = dataKeys;
    }

    Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)) {
            return interceptorChain.proceed();
        }
        if (batch.isFirstMessage()) {
            begin(batch);
        }
        Object result = interceptorChain.proceed();
        if (batch.isLastMessage()) {
            readModels.forEach(readModel -> readModel.collections().forEach(BatchedCollection::flush));
        }
        return result;
    }

    private void begin(BatchingUnitOfWork<?> batch) {
        @SuppressWarnings("unchecked") // the interceptor is registered for event processors only
        List<? extends EventMessage<?>> events = (List<? extends EventMessage<?>>) batch.getMessages();
        readModels.forEach(readModel -> readModel.collections().forEach(BatchedCollection::begin));
        batch.onRollback(failed -> readModels.forEach(readModel ->
                readModel.collections().forEach(BatchedCollection::discard)));
        // Customers and orders are their own events' aggregates; reading those events' personal data needs their keys.
        dataKeys.prefetchForReading(events.stream().filter(DomainEventMessage.class::isInstance)
                .map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier()).toList());
        readModels.forEach(readModel -> readModel.prefetch(events));
    }
}
