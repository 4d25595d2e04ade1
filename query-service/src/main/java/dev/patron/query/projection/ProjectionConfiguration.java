package dev.patron.query.projection;

import dev.patron.query.customer.CustomerProjection;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * How the customer projection is fed and what happens when it fails. The processor itself (tracking, one thread,
 * one segment) is set in application.yml.
 */
@org.springframework.context.annotation.Configuration
class ProjectionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConfiguration.class);
    private static final String GROUP = CustomerProjection.PROCESSING_GROUP;

    /**
     * Axon's own event store, but polling the storage engine every {@code fetch-delay} instead of every second:
     * events are written by the command service in another process, so polling is how this one learns of them,
     * and the command service holds its answer until the read model has caught up.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  @Value("${patron.projection.fetch-delay}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .build();
    }

    /**
     * A failing event is parked in the dead-letter queue (in MongoDB, payload encrypted like in the event store)
     * with the later events of the same customer, and the processor goes on with everyone else. The sequence cache
     * spares a dead-letter lookup per event while the queue holds nothing for a customer.
     */
    @Bean
    ConfigurerModule customerProjectionDeadLetters(MongoTemplate axonMongoTemplate, ProjectionProgress progress) {
        return configurer -> configurer.eventProcessing()
                .registerDeadLetterQueue(GROUP, configuration -> MongoSequencedDeadLetterQueue.builder()
                        .processingGroup(GROUP)
                        .mongoTemplate(axonMongoTemplate)
                        .serializer(configuration.eventSerializer())
                        .build())
                .registerDeadLetterPolicy(GROUP, configuration -> loggingEnqueuePolicy())
                .registerDeadLetteringEventHandlerInvokerConfiguration(GROUP,
                        (configuration, invoker) -> invoker.enableSequenceIdentifierCache())
                .registerHandlerInterceptor(GROUP, configuration -> progress);
    }

    /**
     * Says which event failed and why, without the event itself: its payload is personal data, which is why
     * the queue's own logger is turned down in application.yml.
     */
    private static EnqueuePolicy<EventMessage<?>> loggingEnqueuePolicy() {
        return (letter, cause) -> {
            EventMessage<?> event = letter.message();
            String subject = event instanceof DomainEventMessage<?> domainEvent
                    ? " of customer " + domainEvent.getAggregateIdentifier() + " at sequence "
                    + domainEvent.getSequenceNumber()
                    : "";
            log.warn("Projection {} parked event {} ({}){} in the dead-letter queue: {}: {}", GROUP,
                    event.getIdentifier(), event.getPayloadType().getSimpleName(), subject,
                    cause.getClass().getName(), cause.getMessage());
            return Decisions.enqueue(cause);
        };
    }
}
