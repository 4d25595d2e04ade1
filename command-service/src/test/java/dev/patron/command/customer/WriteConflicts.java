package dev.patron.command.customer;

import dev.patron.events.customer.CustomerUpdated;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Lets a test lose a race on purpose, deterministically: armed for a customer, the next command's unit of work
 * first stores an event of another writer under the sequence number the command's own event is about to take,
 * right before the command's events are appended. The store must then refuse the command's append.
 */
@TestConfiguration(proxyBeanMethods = false)
class WriteConflicts {

    private final EventStorageEngine storageEngine;
    private final AtomicReference<Runnable> armed = new AtomicReference<>();

    WriteConflicts(CommandBus commandBus, EventStorageEngine storageEngine) {
        this.storageEngine = storageEngine;
        // Registered before the command runs, so this prepare-commit step runs before the event store's own.
        commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Runnable interference = armed.getAndSet(null);
            if (interference != null) {
                unitOfWork.onPrepareCommit(committing -> interference.run());
            }
            return chain.proceed();
        });
    }

    /** The next command stores another writer's change of the customer at {@code sequenceNumber} first. */
    void armFor(String customerId, long sequenceNumber) {
        armed.set(() -> storageEngine.appendEvents(List.of(new GenericDomainEventMessage<>(
                "Customer", customerId, sequenceNumber,
                new CustomerUpdated(customerId, "Another Writer", "another@writer.example", null)))));
    }
}
