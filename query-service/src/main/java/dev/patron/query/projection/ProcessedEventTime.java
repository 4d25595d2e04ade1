package dev.patron.query.projection;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Remembers when the newest event the projection has dealt with (applied or parked) was written. A handler interceptor
 * of the projection's processor only (see {@link ProjectionConfiguration}), and so no {@code MessageHandlerInterceptor}
 * bean, which Axon's Spring Boot auto-configuration would register with every event processor.
 */
@Component
class ProcessedEventTime {

    private final AtomicReference<Instant> lastEventWrittenAt = new AtomicReference<>();

    Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } finally {
            lastEventWrittenAt.set(unitOfWork.getMessage().getTimestamp());
        }
    }

    Optional<Instant> lastEventWrittenAt() {
        return Optional.ofNullable(lastEventWrittenAt.get());
    }
}
